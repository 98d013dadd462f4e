import { ModelDefinition } from '@nestjs/mongoose';

import { SUBSCRIPTION_MODEL, subscriptionSchema } from '../serials/persistence/subscription.schema';

/** Every collection of the library-services database (for MongooseModule.forFeature). */
export const LIBRARY_MODELS: ModelDefinition[] = [{ name: SUBSCRIPTION_MODEL, schema: subscriptionSchema }];

/** Models whose documents carry an outbox. */
export const LIBRARY_OUTBOX_MODELS: string[] = [SUBSCRIPTION_MODEL];
