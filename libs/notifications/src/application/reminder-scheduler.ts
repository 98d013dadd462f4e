import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, NotificationChannel } from '@appliance-care/contracts';
import { CONFLICT, untilWritten } from '@appliance-care/messaging';

import {
  Appointment,
  AppointmentEnding,
  appointmentOf,
  endingOf,
  supersedes,
} from '../domain/appointment-booking.policy';
import { reachableChannels, Recipient } from '../domain/recipient';
import { reminderTime } from '../domain/reminder-timing.policy';
import { RecipientRepository } from '../persistence/recipient.repository';
import {
  cancellationKeys,
  ReminderBooking,
  ScheduledReminderRepository,
} from '../persistence/scheduled-reminder.repository';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';

/** The key of a reminder: one per (work order, recipient, channel). */
export const reminderId = (workOrderId: string, recipientId: string, channel: string): string =>
  `rem-${createHash('sha256').update(`${workOrderId}|${recipientId}|${channel}`).digest('hex').slice(0, 40)}`;

/**
 * The consumer side of reminders: a booking event (installation.scheduled.v1, work-order.assigned.v1
 * of a diagnostic visit or repair) schedules one reminder per configured channel for the customer —
 * the technician gets none, their booking notice is their reminder — and a newer booking of the same
 * work order rewrites it; a cancellation cancels it and the job's completion marks it done (both
 * remembered, for bookings still on their way); a release, bump or failed visit ends the booking it names. Idempotent: a redelivered event changes nothing.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly reminders: ScheduledReminderRepository,
    private readonly recipients: RecipientRepository,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** A round of events (distinct keys, so no two concern the same work order). */
  async onEvents(events: readonly EventEnvelope[], now = new Date()): Promise<void> {
    for (const event of events) {
      const ending = endingOf(event.type, event.data);
      if (ending) await this.end(ending, now);
    }
    const bookings = events.flatMap((event) => {
      const appointment = appointmentOf(event.type, event.data);
      return appointment ? [{ event, appointment }] : [];
    });
    if (!bookings.length) return;
    const known = await this.recipients.findMany(bookings.map((b) => b.appointment.customerId));
    for (const { event, appointment } of bookings)
      await this.book(event, appointment, known.get(appointment.customerId), now);
  }

  private async end(ending: AppointmentEnding, now: Date): Promise<void> {
    if (ending.final) await this.reminders.rememberCancellation(ending, now);
    const status = ending.done ? 'done' : ending.final ? 'cancelled' : 'ended';
    const ended = await this.reminders.end(ending, status, now);
    if (ended) this.logger.log({ ...ending.by, ended, reason: ending.reason }, 'reminders ended');
  }

  private async book(event: EventEnvelope, appointment: Appointment, recipient: Recipient | undefined, now: Date) {
    const cancelled = await this.reminders.cancelledKeys(cancellationKeys(appointment));
    if (cancelled.size) return; // cancelled or done before this booking reached us: nothing to remind of
    for (const channel of this.channelsFor(recipient)) {
      const booking = this.bookingFor(event, appointment, channel, recipient, now);
      const id = reminderId(appointment.workOrderId, appointment.customerId, channel);
      await untilWritten(`reminder ${id}`, async () => {
        const held = await this.reminders.find(id);
        if (!held)
          return (await this.reminders.insert({ _id: id, ...booking, attempts: 0, revision: 0, createdAt: now }))
            ? true
            : CONFLICT;
        if (!supersedes(held, booking)) return false;
        return (await this.reminders.rebook(id, held.revision, booking)) ? true : CONFLICT;
      });
    }
  }

  /** The configured channels; once the customer is known, only those they can be reached on. */
  private channelsFor(recipient: Recipient | undefined): NotificationChannel[] {
    const configured = Object.keys(this.config.reminders.leadMs) as NotificationChannel[];
    const available = configured.filter((c) => c !== 'sms' || !!this.config.smsApiUrl);
    if (!recipient?.contacts) return available;
    const reachable = new Set(reachableChannels(recipient, !!this.config.smsApiUrl));
    return available.filter((c) => reachable.has(c));
  }

  private bookingFor(
    event: EventEnvelope,
    appointment: Appointment,
    channel: NotificationChannel,
    recipient: Recipient | undefined,
    now: Date,
  ): ReminderBooking {
    const startsAt = new Date(appointment.window.from);
    const leadMs = this.config.reminders.leadMs[channel] ?? 0;
    const time = reminderTime(startsAt, leadMs, now, recipient?.preferences.quietHours);
    const applianceId = appointment.details['applianceId'];
    return {
      workOrderId: appointment.workOrderId,
      sourceId: appointment.sourceId,
      kind: appointment.kind,
      recipientId: appointment.customerId,
      recipientKind: 'customer',
      channel,
      bookingEventId: event.id,
      bookingEventType: event.type,
      bookedAt: event.time,
      correlationId: event.correlationid,
      ...(typeof applianceId === 'string' ? { applianceId } : {}),
      technicianId: appointment.technicianId,
      window: appointment.window,
      startsAt,
      details: appointment.details,
      ...(time.due
        ? { status: 'scheduled', dueAt: time.dueAt }
        : { status: 'skipped', dueAt: now, reason: time.reason }),
      ...(time.due && time.movedBy ? { leadAt: new Date(startsAt.getTime() - leadMs), movedBy: time.movedBy } : {}),
      updatedAt: now,
    };
  }
}
