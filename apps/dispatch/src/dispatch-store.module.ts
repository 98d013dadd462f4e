import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import {
  CALENDAR_DAY_MODEL,
  calendarDaySchema,
  TECHNICIAN_MODEL,
  technicianSchema,
  WORK_ORDER_MODEL,
  workOrderSchema,
} from '@appliance-care/dispatch';

const models = MongooseModule.forFeature([
  { name: TECHNICIAN_MODEL, schema: technicianSchema },
  { name: WORK_ORDER_MODEL, schema: workOrderSchema },
  { name: CALENDAR_DAY_MODEL, schema: calendarDaySchema },
]);

/** Global so that the messaging module's outbox relay can see the models that carry an outbox. */
@Global()
@Module({ imports: [models], exports: [models] })
export class DispatchStoreModule {}
