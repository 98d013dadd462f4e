import { DeliveryError } from '../domain/retry.policy';
import { signBody } from '../domain/webhook-signature';
import { NotificationDoc } from '../persistence/notification.schema';
import { DeliveryChannel } from './channel';
import { postPinned } from './pinned-post';
import { CheckedTarget, WebhookTargetRefused, WebhookTargets, WebhookTargetUnresolved } from './webhook-targets';

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
  async send(n: NotificationDoc, current: { webhook?: { url: string; secret: string } }): Promise<void> {
    if (!current.webhook) throw new DeliveryError('webhook: the recipient has removed their webhook', true);
    const target = await this.check(current.webhook.url);
    const body = webhookPayload(n);
    await postPinned(
      'webhook',
      target,
      body,
      {
        'X-Signature': signBody(body, current.webhook.secret),
        'X-Notification-Id': n._id,
        'X-Event-Type': n.sourceEventType,
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
