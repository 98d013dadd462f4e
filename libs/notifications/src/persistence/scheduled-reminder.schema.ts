import { Schema } from 'mongoose';

import { NotificationChannel } from '@appliance-care/contracts';

import { AppointmentKind } from '../domain/appointment-booking.policy';

export const SCHEDULED_REMINDER_MODEL = 'ScheduledReminder';
export const REMINDER_CANCELLATION_MODEL = 'ReminderCancellation';

/**
 * scheduled: waits for dueAt · handed-over: its notification is planned (the delivery worker sends
 * it) · ended: its booking was released or bumped (a new booking of the order re-arms it) ·
 * cancelled: the order or its job was cancelled · done: its job was done before the reminder was due
 * (completed early) · skipped: not sent, with the reason.
 */
export type ReminderStatus = 'scheduled' | 'handed-over' | 'ended' | 'cancelled' | 'done' | 'skipped';

/**
 * One reminder per (work order, recipient, channel): its _id is that key, so the latest booking of the
 * order is the one reminded of (a newer booking rewrites the document) and a redelivery adds nothing.
 */
export interface ScheduledReminderDoc {
  _id: string;
  workOrderId: string;
  /** the installation, case or ticket the visit serves (what a job's cancellation names) */
  sourceId: string;
  kind: AppointmentKind;
  recipientId: string;
  recipientKind: 'customer';
  channel: NotificationChannel;
  /** the booking reminded of: its event, that event's time (newer wins), thread and appliance */
  bookingEventId: string;
  bookingEventType: string;
  bookedAt: string;
  correlationId: string;
  applianceId?: string;
  technicianId: string;
  window: { from: string; to: string };
  startsAt: Date;
  /** what the template shows */
  details: Record<string, unknown>;
  status: ReminderStatus;
  dueAt: Date;
  /** the lead time's moment, when quiet hours moved dueAt from it */
  leadAt?: Date;
  movedBy?: string;
  reason?: string;
  notificationId?: string;
  /** the sweep that holds it; its lease is the pushed-forward dueAt */
  claim?: string;
  attempts: number;
  /** bumped by every booking or ending: a sweep's claim holds only on the version it read */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export const scheduledReminderSchema = new Schema<ScheduledReminderDoc>(
  {
    _id: { type: String, required: true },
    workOrderId: { type: String, required: true },
    sourceId: { type: String, required: true },
    kind: { type: String, required: true },
    recipientId: { type: String, required: true },
    recipientKind: { type: String, required: true },
    channel: { type: String, required: true },
    bookingEventId: { type: String, required: true },
    bookingEventType: { type: String, required: true },
    bookedAt: { type: String, required: true },
    correlationId: { type: String, required: true },
    applianceId: String,
    technicianId: { type: String, required: true },
    window: { type: new Schema({ from: String, to: String }, { _id: false }), required: true },
    startsAt: { type: Date, required: true },
    details: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    dueAt: { type: Date, required: true },
    leadAt: Date,
    movedBy: String,
    reason: String,
    notificationId: String,
    claim: String,
    attempts: { type: Number, required: true },
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'scheduled_reminders', minimize: false },
);
// what the sweeper reads: one equality and a range
scheduledReminderSchema.index({ status: 1, dueAt: 1 });
scheduledReminderSchema.index({ workOrderId: 1 });
scheduledReminderSchema.index({ sourceId: 1 });

/**
 * A cancelled work order or job (`workOrder:<id>`, `source:<id>`), or a job done: never booked again,
 * so a booking of it that arrives after the cancellation or completion (from another topic) schedules
 * no reminder, and the sweeper sends none it finds still scheduled.
 */
export interface ReminderCancellationDoc {
  _id: string;
  /** what ended it; absent on documents written before completions were remembered: cancelled */
  status?: 'cancelled' | 'done';
  reason: string;
  at: Date;
}

export const reminderCancellationSchema = new Schema<ReminderCancellationDoc>(
  {
    _id: { type: String, required: true },
    status: String,
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'reminder_cancellations' },
);
