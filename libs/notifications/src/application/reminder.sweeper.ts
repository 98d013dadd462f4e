import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';

import { SourceEvent } from '../domain/delivery-plan';
import { notificationId } from '../domain/notification-id';
import { Recipient } from '../domain/recipient';
import { DueReminderDecision, dueReminderDecision } from '../domain/reminder-timing.policy';
import { NotificationRepository } from '../persistence/notification.repository';
import { RecipientRepository } from '../persistence/recipient.repository';
import {
  cancellationKeys,
  RememberedEnding,
  ScheduledReminderRepository,
} from '../persistence/scheduled-reminder.repository';
import { ScheduledReminderDoc } from '../persistence/scheduled-reminder.schema';
import { NotificationPlanner } from './notification-planner';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';

/** The source of a reminder's notification: derived from its booking, so its once-key is too. */
export const reminderSource = (reminder: ScheduledReminderDoc): SourceEvent => ({
  id: `${reminder.bookingEventId}:reminder`,
  type: reminder.bookingEventType,
  correlationId: reminder.correlationId,
  applianceId: reminder.applianceId,
});

const REMINDER_TARGET = { template: 'appointment-reminder', urgency: 'normal' } as const;

/**
 * Hands due reminders to the delivery path: every REMINDER_SWEEP_MS it reads the scheduled reminders
 * whose time has come, claims each with a conditional write (a lease: a crash makes it due again),
 * checks it once more (cancelled or its job done, started, quiet hours now) and plans its notification through the
 * planner — whose _id, derived from the booking, recipient and channel, is the once-key, so a sweep
 * repeated after a crash plans nothing new and the delivery worker sends it once. Everything it needs
 * is in the store: restart-safe, and several instances may sweep at once.
 */
@Injectable()
export class ReminderSweeper {
  private readonly logger = new Logger(ReminderSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly reminders: ScheduledReminderRepository,
    private readonly recipients: RecipientRepository,
    private readonly notifications: NotificationRepository,
    private readonly planner: NotificationPlanner,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.sweepAll()
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'reminder sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, this.config.reminders.sweepMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** Sweeps until a round finds less than a full batch. */
  private async sweepAll(): Promise<void> {
    let full = true;
    while (full && this.timer) full = (await this.sweep()) >= this.config.reminders.batchSize;
  }

  /** One round; returns how many due reminders it read. */
  async sweep(now = new Date()): Promise<number> {
    const due = await this.reminders.due(now, this.config.reminders.batchSize);
    if (!due.length) return 0;
    const [known, cancelled] = await Promise.all([
      this.recipients.findMany(due.map((r) => r.recipientId)),
      this.reminders.cancelledKeys(due.flatMap(cancellationKeys)),
    ]);
    const limit = pLimit(this.config.worker.concurrency || 1);
    await Promise.all(
      due.map((reminder) =>
        limit(() => {
          const ended = cancellationKeys(reminder)
            .map((key) => cancelled.get(key))
            .find((e) => e !== undefined);
          return this.handOver(reminder, known.get(reminder.recipientId), ended, now);
        }),
      ),
    );
    return due.length;
  }

  private async handOver(
    due: ScheduledReminderDoc,
    recipient: Recipient | undefined,
    ended: RememberedEnding | undefined,
    now: Date,
  ) {
    const claimed = await this.reminders.claim(due, now, this.config.worker.leaseMs);
    if (!claimed) return; // another sweep has it, or a booking changed it
    const planned = notificationId(reminderSource(claimed).id, claimed.recipientId, claimed.channel);
    // claimed before: a sweep that died after planning it; what it planned stands, whatever the time is now
    if (claimed.attempts > 1 && (await this.notifications.findById(planned)))
      return this.reminders.settle(claimed, { status: 'handed-over', notificationId: planned }, now);
    // the job was cancelled or done meanwhile (or before a booking that slipped past the scheduler)
    if (ended) return this.reminders.settle(claimed, ended, now);
    const decision = this.decide(claimed, recipient, now);
    if (decision.action === 'wait')
      return this.reminders.settle(claimed, { status: 'scheduled', dueAt: decision.until }, now);
    if (decision.action === 'drop' || !recipient) {
      const reason = decision.action === 'drop' ? decision.reason : 'no recipient';
      return this.reminders.settle(claimed, { status: 'skipped', reason }, now);
    }
    const ids = await this.planner.planFor(
      reminderSource(claimed),
      { ...REMINDER_TARGET, recipientKind: claimed.recipientKind, recipientId: claimed.recipientId },
      recipient,
      claimed.details,
      [claimed.channel],
      now,
    );
    const outcome = ids.length
      ? ({ status: 'handed-over', notificationId: ids[0] } as const)
      : ({ status: 'skipped', reason: `not reachable by ${claimed.channel}` } as const);
    return this.reminders.settle(claimed, outcome, now);
  }

  private decide(reminder: ScheduledReminderDoc, recipient: Recipient | undefined, now: Date): DueReminderDecision {
    if (!recipient?.contacts) return { action: 'drop', reason: `customer ${reminder.recipientId} is not known` };
    return dueReminderDecision(now, new Date(reminder.startsAt), recipient.preferences.quietHours);
  }
}
