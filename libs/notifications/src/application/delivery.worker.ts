import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventFactory, OutboxRelay } from '@appliance-care/messaging';
import { DeliveryError, nextRetry } from '../domain/retry.policy';
import { NotificationRepository } from '../persistence/notification.repository';
import { NotificationDoc } from '../persistence/notification.schema';
import { RecipientRepository } from '../persistence/recipient.repository';
import { DeliveryChannel } from '../channels/channel';
import { failedEvent, sentEvent } from './notification-events';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { WorkerSignal } from './worker-signal';

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
export type DeliveryChannels = Partial<Record<'email' | 'sms' | 'webhook', DeliveryChannel>>;

/**
 * Sends what is due: claims a batch (one read, one conditional update), sends with bounded
 * concurrency, and records each outcome with its event in the same single-document write.
 * Transient failures come back later with backoff; permanent ones or exhausted attempts are failed.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private signalled = false;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly recipients: RecipientRepository,
    private readonly factory: EventFactory,
    private readonly relay: OutboxRelay,
    signal: WorkerSignal,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    signal.onWake(() => this.wake());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.signalled = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.signalled = false;
        const handled = await this.deliverDue();
        failures = 0;
        if (handled > 0 || this.signalled) continue;
        await this.idle(this.config.worker.pollMs);
      } catch (err) {
        failures += 1;
        this.logger.warn({ err: (err as Error).message }, 'delivery round failed; retrying');
        await this.idle(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** One round; returns how many notifications it handled. */
  async deliverDue(now = new Date()): Promise<number> {
    const { batchSize, concurrency, leaseMs } = this.config.worker;
    const batch = await this.notifications.claimDue(now, batchSize, leaseMs, concurrency);
    if (!batch.length) return 0;
    const webhookOwners = batch.filter((n) => n.channel === 'webhook').map((n) => n.recipientId);
    const recipients = await this.recipients.findMany(webhookOwners);
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
      while (next < batch.length) {
        const n = batch[next++];
        await this.deliver(n, recipients.get(n.recipientId)?.preferences.webhook);
      }
    });
    await Promise.all(lanes);
    this.relay.notify();
    return batch.length;
  }

  private async deliver(n: NotificationDoc, webhook: { url: string; secret: string } | undefined): Promise<void> {
    const channel = this.channels[n.channel as keyof DeliveryChannels];
    try {
      if (!channel) throw new DeliveryError(`no ${n.channel} channel is configured`, true);
      await channel.send(n, { webhook });
    } catch (err) {
      await this.recordFailure(n, err);
      return;
    }
    // the window: the outside system has it, this write has not happened yet (docs/notifications.md)
    const sentAt = new Date();
    await this.notifications.complete(n, { $set: { status: 'sent', sentAt, dueAt: sentAt } }, [sentEvent(this.factory, n, sentAt)]);
  }

  private async recordFailure(n: NotificationDoc, err: unknown): Promise<void> {
    const error = err instanceof DeliveryError ? err : new DeliveryError((err as Error)?.message ?? String(err), false);
    const now = new Date();
    const decision = error.permanent ? ({ retry: false } as const) : nextRetry(n.attempts, this.config.retry, now);
    if (decision.retry) {
      await this.notifications.complete(n, { $set: { status: 'pending', dueAt: decision.at, lastError: error.message } }, []);
      return;
    }
    this.logger.warn({ notificationId: n._id, channel: n.channel, attempts: n.attempts, err: error.message }, 'notification failed');
    await this.notifications.complete(n, { $set: { status: 'failed', failedAt: now, dueAt: now, lastError: error.message } }, [failedEvent(this.factory, n, error.message, now)]);
  }
}
