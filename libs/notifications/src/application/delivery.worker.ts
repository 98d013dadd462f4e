import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { Counter, register } from 'prom-client';

import { EventFactory } from '@appliance-care/messaging';

import { DeliveryChannel } from '../channels/channel';
import { laneOf, planRound } from '../domain/delivery-order';
import { Recipient } from '../domain/recipient';
import { DeliveryError, nextRetry } from '../domain/retry.policy';
import { NotificationRepository } from '../persistence/notification.repository';
import { NotificationDoc } from '../persistence/notification.schema';
import { RecipientRepository } from '../persistence/recipient.repository';
import { failedEvent, sentEvent } from './notification-events';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { WakeablePause } from './wakeable-pause';
import { WorkerSignal } from './worker-signal';

/** What operators alert on: deliveries by channel and outcome (sent, retry = failed for now, failed = given up). */
const deliveries =
  (register.getSingleMetric('notification_deliveries_total') as Counter | undefined) ??
  new Counter({
    name: 'notification_deliveries_total',
    help: 'Notification delivery attempts by channel and outcome (sent, retry, failed)',
    labelNames: ['channel', 'outcome'],
  });

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
export type DeliveryChannels = Partial<Record<'email' | 'sms' | 'webhook', DeliveryChannel>>;

/** What became of one attempt. */
type Outcome = { done: true } | { done: false; retryAt: Date };

/** Runs `task` for every item, at most `concurrency` at a time. */
async function eachBounded<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  const limit = pLimit(concurrency);
  await Promise.all(items.map((item) => limit(() => task(item))));
}

/**
 * Sends what is due: reads a batch, keeps back what must wait for an earlier notification of its
 * lane (one recipient, one lifecycle thread, one channel: delivery-order.ts), then sends lane by
 * lane — in order within a lane, lanes in parallel with bounded concurrency — claiming each with a
 * conditional update and recording each outcome with its event in the same single-document write
 * (the repository carries the claims and outcomes of the lanes in flight together in bulk writes).
 * Transient failures come back later with backoff (and hold back the rest of their lane);
 * permanent ones or exhausted attempts are failed.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);
  private running = false;
  private loop?: Promise<void>;
  private readonly pause = new WakeablePause();
  private signalled = false;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly recipients: RecipientRepository,
    private readonly factory: EventFactory,
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
    this.pause.wake();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.signalled = false;
        const handled = await this.deliverDue();
        failures = 0;
        if (handled > 0 || this.signalled) continue;
        await this.pause.sleep(this.config.worker.pollMs);
      } catch (err) {
        failures += 1;
        this.logger.warn({ err: (err as Error).message }, 'delivery round failed; retrying');
        await this.pause.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** One round; returns how many notifications it handled (sent, failed, rescheduled or held back). */
  async deliverDue(now = new Date()): Promise<number> {
    const { batchSize, concurrency, pollMs } = this.config.worker;
    const due = await this.notifications.findDue(now, batchSize);
    if (!due.length) return 0;
    // the open notifications of the due ones' threads: what a due one may have to wait for
    const threads = due.filter((n) => n.openThread && n.seq !== undefined).map((n) => n.openThread as string);
    const open = threads.length ? await this.notifications.openInThreads(threads, concurrency) : [];
    const { chains, blocked } = planRound(due, open, laneOf, now, pollMs);
    await this.notifications.postpone(blocked);
    const webhookOwners = chains
      .flat()
      .filter((n) => n.channel === 'webhook')
      .map((n) => n.recipientId);
    const recipients = await this.recipients.findMany(webhookOwners);
    await eachBounded(chains, concurrency, (chain) => this.deliverLane(chain, recipients));
    return due.length;
  }

  /** A lane's notifications in order; the first that is not done (lost claim, retry later) holds back the rest. */
  private async deliverLane(chain: NotificationDoc[], recipients: Map<string, Recipient>): Promise<void> {
    for (const [position, due] of chain.entries()) {
      const claimed = await this.notifications.claim(due, new Date(), this.config.worker.leaseMs);
      // another round has it, or it changed: the rest of its lane waits for the next round
      if (!claimed) return;
      const outcome = await this.deliver(claimed, recipients.get(claimed.recipientId)?.preferences.webhook);
      if (!outcome.done) {
        // the lane keeps its order: what follows comes due with the retry
        const retryAt = outcome.retryAt;
        await this.notifications.postpone(
          chain.slice(position + 1).map((rest) => ({ notification: rest, until: retryAt })),
        );
        return;
      }
    }
  }

  private async deliver(
    notification: NotificationDoc,
    webhook: { url: string; secret: string } | undefined,
  ): Promise<Outcome> {
    const channel = this.channels[notification.channel as keyof DeliveryChannels];
    try {
      if (!channel) throw new DeliveryError(`no ${notification.channel} channel is configured`, true);
      await channel.send(notification, { webhook });
    } catch (err) {
      return this.recordFailure(notification, err);
    }
    // the window: the outside system has it, this write has not happened yet (docs/notifications.md)
    const sentAt = new Date();
    await this.notifications.complete(notification, { $set: { status: 'sent', sentAt, dueAt: sentAt } }, [
      sentEvent(this.factory, notification, sentAt),
    ]);
    deliveries.inc({ channel: notification.channel, outcome: 'sent' });
    return { done: true };
  }

  private async recordFailure(notification: NotificationDoc, err: unknown): Promise<Outcome> {
    const error = err instanceof DeliveryError ? err : new DeliveryError((err as Error)?.message ?? String(err), false);
    const now = new Date();
    const decision = error.permanent
      ? ({ retry: false } as const)
      : nextRetry(notification.attempts, this.config.retry, now);
    deliveries.inc({ channel: notification.channel, outcome: decision.retry ? 'retry' : 'failed' });
    if (decision.retry) {
      await this.notifications.complete(
        notification,
        { $set: { status: 'pending', dueAt: decision.at, lastError: error.message } },
        [],
      );
      return { done: false, retryAt: decision.at };
    }
    this.logger.warn(
      {
        notificationId: notification._id,
        channel: notification.channel,
        attempts: notification.attempts,
        err: error.message,
      },
      'notification failed',
    );
    await this.notifications.complete(
      notification,
      { $set: { status: 'failed', failedAt: now, dueAt: now, lastError: error.message } },
      [failedEvent(this.factory, notification, error.message, now)],
    );
    return { done: true };
  }
}
