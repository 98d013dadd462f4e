import { ModelDefinition } from '@nestjs/mongoose';

/** Every collection of the library-services database (for MongooseModule.forFeature). */
export const LIBRARY_MODELS: ModelDefinition[] = [];

/** Models whose documents carry an outbox. */
export const LIBRARY_OUTBOX_MODELS: string[] = [];
