import { DeliveryError } from '../domain/retry.policy';
import { signBody } from '../domain/webhook-signature';
import { NotificationDoc } from '../persistence/notification.schema';
import { DeliveryChannel } from './channel';
import { postJson } from './http-post';

/** What a recipient's webhook receives (the exact bytes are signed). */
export function webhookPayload(n: NotificationDoc): string {
  return JSON.stringify({
    notificationId: n._id,
    eventType: n.sourceEventType,
    sourceEventId: n.sourceEventId,
    template: n.template,
    recipientId: n.recipientId,
    applianceId: n.applianceId,
    subject: n.content.subject,
    text: n.content.text,
    createdAt: new Date(n.createdAt).toISOString(),
  });
}

/** POSTs the payload signed `X-Signature: sha256=<hex HMAC-SHA256(body, recipient's secret)>`. */
export class WebhookChannel implements DeliveryChannel {
  constructor(private readonly timeoutMs: number) {}

  /** Goes to the recipient's current URL and secret: a rotated secret applies to what is still due. */
  async send(n: NotificationDoc, current: { webhook?: { url: string; secret: string } }): Promise<void> {
    if (!current.webhook) throw new DeliveryError('webhook: the recipient has removed their webhook', true);
    const body = webhookPayload(n);
    await postJson('webhook', current.webhook.url, body, {
      'X-Signature': signBody(body, current.webhook.secret),
      'X-Notification-Id': n._id,
      'X-Event-Type': n.sourceEventType,
    }, this.timeoutMs);
  }
}
