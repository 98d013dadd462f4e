import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventFactory, OutboxRelay } from '@appliance-care/messaging';

import { DeliveryChannel } from '../channels/channel';
import { laneOf, planRound } from '../domain/delivery-order';
import { DeliveryError, nextRetry } from '../domain/retry.policy';
import { NotificationRepository } from '../persistence/notification.repository';
import { NotificationDoc } from '../persistence/notification.schema';
import { RecipientRepository } from '../persistence/recipient.repository';
import { failedEvent, sentEvent } from './notification-events';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { WorkerSignal } from './worker-signal';

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
export type DeliveryChannels = Partial<Record<'email' | 'sms' | 'webhook', DeliveryChannel>>;

/** What became of one attempt. */
type Outcome = { done: true } | { done: false; retryAt: Date };

async function runBounded<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/**
 * Sends what is due: reads a batch, keeps back what must wait for an earlier notification of its
 * lane (one recipient, one lifecycle thread, one channel: delivery-order.ts), then sends lane by
 * lane — in order within a lane, lanes in parallel with bounded concurrency — claiming each with a
 * conditional update and recording each outcome with its event in the same single-document write.
 * Transient failures come back later with backoff (and hold back the rest of their lane);
 * permanent ones or exhausted attempts are failed.
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

  /** One round; returns how many notifications it handled (sent, failed, rescheduled or held back). */
  async deliverDue(now = new Date()): Promise<number> {
    const { batchSize, concurrency, leaseMs, pollMs } = this.config.worker;
    const due = await this.notifications.findDue(now, batchSize);
    if (!due.length) return 0;
    // the open notifications of the due ones' threads: what a due one may have to wait for
    const threads = due.filter((n) => n.openThread && n.seq !== undefined).map((n) => n.openThread as string);
    const open = threads.length ? await this.notifications.openInThreads(threads, concurrency) : [];
    const { chains, blocked } = planRound(due, open, laneOf, now, pollMs);
    await runBounded(blocked, concurrency, ({ notification, until }) =>
      this.notifications.postpone(notification, until),
    );
    const webhookOwners = chains
      .flat()
      .filter((n) => n.channel === 'webhook')
      .map((n) => n.recipientId);
    const recipients = await this.recipients.findMany(webhookOwners);
    await runBounded(chains, concurrency, async (chain) => {
      for (let i = 0; i < chain.length; i++) {
        const n = await this.notifications.claim(chain[i], new Date(), leaseMs);
        // another round has it, or it changed: the rest of its lane waits for the next round
        if (!n) return;
        const outcome = await this.deliver(n, recipients.get(n.recipientId)?.preferences.webhook);
        if (!outcome.done) {
          // the lane keeps its order: what follows comes due with the retry
          const retryAt = outcome.retryAt;
          await Promise.all(chain.slice(i + 1).map((rest) => this.notifications.postpone(rest, retryAt)));
          return;
        }
      }
    });
    this.relay.notify();
    return due.length;
  }

  private async deliver(n: NotificationDoc, webhook: { url: string; secret: string } | undefined): Promise<Outcome> {
    const channel = this.channels[n.channel as keyof DeliveryChannels];
    try {
      if (!channel) throw new DeliveryError(`no ${n.channel} channel is configured`, true);
      await channel.send(n, { webhook });
    } catch (err) {
      return this.recordFailure(n, err);
    }
    // the window: the outside system has it, this write has not happened yet (docs/notifications.md)
    const sentAt = new Date();
    await this.notifications.complete(n, { $set: { status: 'sent', sentAt, dueAt: sentAt } }, [
      sentEvent(this.factory, n, sentAt),
    ]);
    return { done: true };
  }

  private async recordFailure(n: NotificationDoc, err: unknown): Promise<Outcome> {
    const error = err instanceof DeliveryError ? err : new DeliveryError((err as Error)?.message ?? String(err), false);
    const now = new Date();
    const decision = error.permanent ? ({ retry: false } as const) : nextRetry(n.attempts, this.config.retry, now);
    if (decision.retry) {
      await this.notifications.complete(
        n,
        { $set: { status: 'pending', dueAt: decision.at, lastError: error.message } },
        [],
      );
      return { done: false, retryAt: decision.at };
    }
    this.logger.warn(
      { notificationId: n._id, channel: n.channel, attempts: n.attempts, err: error.message },
      'notification failed',
    );
    await this.notifications.complete(
      n,
      { $set: { status: 'failed', failedAt: now, dueAt: now, lastError: error.message } },
      [failedEvent(this.factory, n, error.message, now)],
    );
    return { done: true };
  }
}
