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
    const endings = events.flatMap((event) => endingOf(event.type, event.data) ?? []);
    if (endings.length) await this.endAll(endings, now);
    const bookings = events.flatMap((event) => {
      const appointment = appointmentOf(event.type, event.data);
      return appointment ? [{ event, appointment }] : [];
    });
    if (bookings.length) await this.bookAll(bookings, now);
  }

  /** A round's endings in two store commands: the cancellations remembered first, then the reminders ended. */
  private async endAll(endings: AppointmentEnding[], now: Date): Promise<void> {
    // remembered before anything ends: a booking of the same order on its way finds it
    await this.reminders.rememberCancellations(
      endings.filter((ending) => ending.final),
      now,
    );
    const ended = await this.reminders.endAll(
      endings.map((ending) => ({ ending, status: ending.done ? 'done' : ending.final ? 'cancelled' : 'ended' })),
      now,
    );
    if (ended)
      this.logger.log({ ended, endings: endings.map((e) => ({ ...e.by, reason: e.reason })) }, 'reminders ended');
  }

  /**
   * The reminders a round's bookings ask for, in four store commands whatever their number: the
   * customers, the cancellations remembered, the reminders already held, one insert of the new ones.
   * Only a reminder already held (a newer booking of its order) is rewritten on its own.
   */
  private async bookAll(bookings: { event: EventEnvelope; appointment: Appointment }[], now: Date): Promise<void> {
    const [known, cancelled] = await Promise.all([
      this.recipients.findMany(bookings.map((b) => b.appointment.customerId)),
      this.reminders.cancelledKeys(bookings.flatMap((b) => cancellationKeys(b.appointment))),
    ]);
    // cancelled or done before this booking reached us: nothing to remind of
    const live = bookings.filter((b) => !cancellationKeys(b.appointment).some((key) => cancelled.has(key)));
    const wanted = live.flatMap(({ event, appointment }) => {
      const recipient = known.get(appointment.customerId);
      return this.channelsFor(recipient).map((channel) => ({
        id: reminderId(appointment.workOrderId, appointment.customerId, channel),
        booking: this.bookingFor(event, appointment, channel, recipient, now),
      }));
    });
    if (!wanted.length) return;
    const held = await this.reminders.heldAmong(wanted.map((w) => w.id));
    const fresh = wanted.filter((w) => !held.has(w.id));
    const inserted = await this.reminders.insertMany(
      fresh.map(({ id, booking }) => ({ _id: id, ...booking, attempts: 0, revision: 0, createdAt: now })),
    );
    // held already, or stored by another writer first: compared with what is there, one at a time
    for (const { id, booking } of wanted.filter((w) => held.has(w.id) || !inserted))
      await this.rebookIfNewer(id, booking, now);
  }

  private rebookIfNewer(id: string, booking: ReminderBooking, now: Date): Promise<boolean> {
    return untilWritten(`reminder ${id}`, async () => {
      const held = await this.reminders.find(id);
      if (!held)
        return (await this.reminders.insert({ _id: id, ...booking, attempts: 0, revision: 0, createdAt: now }))
          ? true
          : CONFLICT;
      if (!supersedes(held, booking)) return false;
      return (await this.reminders.rebook(id, held.revision, booking)) ? true : CONFLICT;
    });
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
