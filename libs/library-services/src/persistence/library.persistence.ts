import { ModelDefinition } from '@nestjs/mongoose';

import { SUBSCRIPTION_MODEL, subscriptionSchema } from '../serials/persistence/subscription.schema';
import { ITEM_MODEL, itemSchema } from './item.schema';
import { SHIPMENT_MODEL, shipmentSchema } from './shipment.schema';

/** Every collection of the library-services database (for MongooseModule.forFeature). */
export const LIBRARY_MODELS: ModelDefinition[] = [
  { name: ITEM_MODEL, schema: itemSchema },
  { name: SHIPMENT_MODEL, schema: shipmentSchema },
  { name: SUBSCRIPTION_MODEL, schema: subscriptionSchema },
];

/** Models whose documents carry an outbox: items tell every step, shipments their journey, subscriptions their issues. */
export const LIBRARY_OUTBOX_MODELS: string[] = [ITEM_MODEL, SHIPMENT_MODEL, SUBSCRIPTION_MODEL];
