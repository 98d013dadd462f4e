import { NotificationDoc } from '../persistence/notification.schema';
import { DeliveryChannel } from './channel';
import { postJson } from './http-post';

/** SMS through the provider's HTTP API: POST SMS_API_URL {to, text}; the notification id is the idempotency key. */
export class SmsChannel implements DeliveryChannel {
  constructor(
    private readonly apiUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async send(notification: NotificationDoc): Promise<void> {
    const body = JSON.stringify({
      to: notification.destination,
      text: notification.content.sms ?? notification.content.text,
    });
    await postJson('sms provider', this.apiUrl, body, { 'Idempotency-Key': notification._id }, this.timeoutMs);
  }
}
