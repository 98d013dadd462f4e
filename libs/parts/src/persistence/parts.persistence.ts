import { ModelDefinition } from '@nestjs/mongoose';

import { RESERVATION_MODEL, reservationSchema } from './reservation.schema';
import { STOCK_MODEL, stockSchema } from './stock.schema';

/** Every collection of the parts database (for MongooseModule.forFeature). */
export const PARTS_MODELS: ModelDefinition[] = [
  { name: STOCK_MODEL, schema: stockSchema },
  { name: RESERVATION_MODEL, schema: reservationSchema },
];

/** Models whose documents carry an outbox: stock rows publish nothing, reservations tell every step. */
export const PARTS_OUTBOX_MODELS = [RESERVATION_MODEL];
