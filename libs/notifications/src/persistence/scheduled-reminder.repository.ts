import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { AppointmentEnding } from '../domain/appointment-booking.policy';
import {
  REMINDER_CANCELLATION_MODEL,
  ReminderCancellationDoc,
  ReminderStatus,
  SCHEDULED_REMINDER_MODEL,
  ScheduledReminderDoc,
} from './scheduled-reminder.schema';

/** The key a cancelled order or job is remembered by. */
export const cancellationKeys = (r: Pick<ScheduledReminderDoc, 'workOrderId' | 'sourceId'>): string[] => [
  `workOrder:${r.workOrderId}`,
  `source:${r.sourceId}`,
];

const cancellationKeyOf = (ending: AppointmentEnding): string =>
  'workOrderId' in ending.by ? `workOrder:${ending.by.workOrderId}` : `source:${ending.by.sourceId}`;

/** The scheduled reminders an ending names: only its booking's, when it names one. */
function endingFilter(ending: AppointmentEnding): QueryFilter<ScheduledReminderDoc> {
  const filter: QueryFilter<ScheduledReminderDoc> = { ...ending.by, status: 'scheduled' };
  if (ending.booking) {
    filter.technicianId = ending.booking.technicianId;
    filter['window.from'] = ending.booking.from;
  }
  return filter;
}

/** A remembered cancellation or completion: the status and reason the reminders it ends get. */
export interface RememberedEnding {
  status: 'cancelled' | 'done';
  reason: string;
}

/** What a booking rewrites: everything but the key, the attempts and the creation time. */
export type ReminderBooking = Omit<ScheduledReminderDoc, '_id' | 'attempts' | 'revision' | 'createdAt' | 'claim'>;

@Injectable()
export class ScheduledReminderRepository {
  constructor(
    @InjectModel(SCHEDULED_REMINDER_MODEL) private readonly model: Model<ScheduledReminderDoc>,
    @InjectModel(REMINDER_CANCELLATION_MODEL) private readonly cancellations: Model<ReminderCancellationDoc>,
  ) {}

  async find(id: string): Promise<ScheduledReminderDoc | undefined> {
    return (await this.model.findById(id).lean<ScheduledReminderDoc>().exec()) ?? undefined;
  }

  /** Which of these reminders are stored already. */
  async heldAmong(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const held = await this.model
      .find({ _id: { $in: [...new Set(ids)] } }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    return new Set(held.map(({ _id }) => _id));
  }

  /**
   * First bookings, in one write; false when another writer stored one of them first (every other
   * one is stored even then): the caller compares those with what is there.
   */
  async insertMany(docs: ScheduledReminderDoc[]): Promise<boolean> {
    if (!docs.length) return true;
    try {
      await this.model.insertMany(docs, { ordered: false, lean: true });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** A first booking of the order for this recipient and channel; false when another writer stored one first. */
  insert(doc: ScheduledReminderDoc): Promise<boolean> {
    return this.insertMany([doc]);
  }

  /** A newer booking replaces the one read (at `revision`); false when it changed since. Any claim is void. */
  async rebook(id: string, revision: number, booking: ReminderBooking): Promise<boolean> {
    const $unset = Object.fromEntries(
      ['claim', 'leadAt', 'movedBy', 'reason', 'notificationId'].filter((f) => !(f in booking)).map((f) => [f, 1]),
    );
    const result = await this.model
      .updateOne({ _id: id, revision }, { $set: booking, $inc: { revision: 1 }, $unset })
      .exec();
    return result.modifiedCount === 1;
  }

  /**
   * Cancellations and completions to remember, in one write (idempotent, the first of each key
   * wins): a later booking of that order or job is ignored.
   */
  async rememberCancellations(endings: AppointmentEnding[], at: Date): Promise<void> {
    if (!endings.length) return;
    const docs = endings.map((ending) => ({
      _id: cancellationKeyOf(ending),
      status: ending.done ? ('done' as const) : ('cancelled' as const),
      reason: ending.reason,
      at,
    }));
    try {
      await this.cancellations.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** Which of these cancellation keys are remembered, with what ended them. */
  async cancelledKeys(keys: string[]): Promise<Map<string, RememberedEnding>> {
    if (!keys.length) return new Map();
    const found = await this.cancellations
      .find({ _id: { $in: [...new Set(keys)] } })
      .lean<ReminderCancellationDoc[]>()
      .exec();
    return new Map(found.map((c) => [c._id, { status: c.status ?? 'cancelled', reason: c.reason }]));
  }

  /**
   * Ends the scheduled reminders each ending names (only its booking's, when it names one), with the
   * status it gives them, in one write; returns how many.
   */
  async endAll(endings: { ending: AppointmentEnding; status: ReminderStatus }[], now: Date): Promise<number> {
    if (!endings.length) return 0;
    const result = await this.model.bulkWrite(
      endings.map(({ ending, status }) => ({
        updateMany: {
          filter: endingFilter(ending),
          update: {
            $set: { status, reason: ending.reason, updatedAt: now },
            $inc: { revision: 1 },
            $unset: { claim: 1 },
          },
        },
      })),
      { ordered: false },
    );
    return result.modifiedCount;
  }

  /** Scheduled reminders due by now, soonest first (one equality and a range: cheap on FerretDB). */
  async due(now: Date, limit: number): Promise<ScheduledReminderDoc[]> {
    return this.model
      .find({ status: 'scheduled', dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<ScheduledReminderDoc[]>()
      .exec();
  }

  /**
   * Claims a due reminder unless another sweep took it or a booking changed it since it was read:
   * dueAt moves to the end of a lease (a crash before the hand-over is recorded makes it due again).
   */
  async claim(due: ScheduledReminderDoc, now: Date, leaseMs: number): Promise<ScheduledReminderDoc | undefined> {
    const claim = randomUUID();
    const dueAt = new Date(now.getTime() + leaseMs);
    const result = await this.model
      .updateOne(
        { _id: due._id, status: 'scheduled', revision: due.revision, dueAt: due.dueAt },
        { $set: { claim, dueAt }, $inc: { attempts: 1 } },
      )
      .exec();
    return result.modifiedCount === 1 ? { ...due, claim, dueAt, attempts: due.attempts + 1 } : undefined;
  }

  /** Records what became of a claimed reminder; false when the claim was lost (a booking rewrote it). */
  async settle(
    claimed: ScheduledReminderDoc,
    outcome: { status: ReminderStatus; reason?: string; notificationId?: string; dueAt?: Date },
    now: Date,
  ): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { _id: claimed._id, claim: claimed.claim },
        { $set: { ...outcome, updatedAt: now }, $unset: { claim: 1 }, $inc: { revision: 1 } },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}
