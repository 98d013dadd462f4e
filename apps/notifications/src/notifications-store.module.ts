import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import {
  NOTIFICATION_MODEL,
  notificationSchema,
  RECIPIENT_MODEL,
  RECIPIENT_WAIT_MODEL,
  recipientSchema,
  recipientWaitSchema,
} from '@appliance-care/notifications';

const models = MongooseModule.forFeature([
  { name: NOTIFICATION_MODEL, schema: notificationSchema },
  { name: RECIPIENT_MODEL, schema: recipientSchema },
  { name: RECIPIENT_WAIT_MODEL, schema: recipientWaitSchema },
]);

/** Global so that the messaging module's outbox relay can see the models that carry an outbox. */
@Global()
@Module({ imports: [models], exports: [models] })
export class NotificationsStoreModule {}
