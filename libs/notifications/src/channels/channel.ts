import { NotificationDoc } from '../persistence/notification.schema';

/** Sends one notification to an outside system; throws DeliveryError (permanent or not) when it did not go through. */
export interface DeliveryChannel {
  send(notification: NotificationDoc, current: { webhook?: { url: string; secret: string } }): Promise<void>;
}
