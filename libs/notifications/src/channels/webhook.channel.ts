import { DeliveryError } from '../domain/retry.policy';
import { signBody } from '../domain/webhook-signature';
import { NotificationDoc } from '../persistence/notification.schema';
import { DeliveryChannel } from './channel';
import { postPinned } from './pinned-post';
import { CheckedTarget, WebhookTargetRefused, WebhookTargets, WebhookTargetUnresolved } from './webhook-targets';

/** What a recipient's webhook receives (the exact bytes are signed). */
function webhookPayload(notification: NotificationDoc): string {
  return JSON.stringify({
    notificationId: notification._id,
    eventType: notification.sourceEventType,
    sourceEventId: notification.sourceEventId,
    template: notification.template,
    recipientId: notification.recipientId,
    applianceId: notification.applianceId,
    subject: notification.content.subject,
    text: notification.content.text,
    createdAt: new Date(notification.createdAt).toISOString(),
  });
}

/**
 * POSTs the payload signed `X-Signature: sha256=<hex HMAC-SHA256(body, recipient's secret)>`, after
 * checking the URL again (SSRF: what it resolves to now), to the checked addresses only.
 */
export class WebhookChannel implements DeliveryChannel {
  constructor(
    private readonly timeoutMs: number,
    private readonly targets: WebhookTargets,
  ) {}

  /** Goes to the recipient's current URL and secret: a rotated secret applies to what is still due. */
  async send(notification: NotificationDoc, current: { webhook?: { url: string; secret: string } }): Promise<void> {
    if (!current.webhook) throw new DeliveryError('webhook: the recipient has removed their webhook', true);
    const target = await this.check(current.webhook.url);
    const body = webhookPayload(notification);
    await postPinned(
      'webhook',
      target,
      body,
      {
        'X-Signature': signBody(body, current.webhook.secret),
        'X-Notification-Id': notification._id,
        'X-Event-Type': notification.sourceEventType,
      },
      this.timeoutMs,
    );
  }

  private async check(url: string): Promise<CheckedTarget> {
    try {
      return await this.targets.check(url);
    } catch (err) {
      // refused: undeliverable for good (failed, notification.failed.v1); unresolved: retried with backoff
      if (err instanceof WebhookTargetRefused)
        throw new DeliveryError(`webhook: target refused: the URL ${err.reason}`, true);
      if (err instanceof WebhookTargetUnresolved) throw new DeliveryError(`webhook: ${err.reason}`, false);
      throw err;
    }
  }
}
