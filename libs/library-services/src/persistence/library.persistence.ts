import { ModelDefinition } from '@nestjs/mongoose';

import { ITEM_MODEL, itemSchema } from './item.schema';
import { SHIPMENT_MODEL, shipmentSchema } from './shipment.schema';

/** Every collection of the library-services database (for MongooseModule.forFeature). */
export const LIBRARY_MODELS: ModelDefinition[] = [
  { name: ITEM_MODEL, schema: itemSchema },
  { name: SHIPMENT_MODEL, schema: shipmentSchema },
];

/** Models whose documents carry an outbox: items tell every step, shipments their journey. */
export const LIBRARY_OUTBOX_MODELS: string[] = [ITEM_MODEL, SHIPMENT_MODEL];
