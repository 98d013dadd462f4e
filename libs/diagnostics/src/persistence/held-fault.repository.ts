import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { dlqTopic, EventEnvelope } from '@appliance-care/contracts';
import { OutboxEntry, toOutboxEntries } from '@appliance-care/messaging';
import { definedOnlyDeep, isDuplicateKey } from '@appliance-care/platform';

import { HELD_FAULT_MODEL, HeldFaultDocument } from './held-fault.schema';

/** Why a held fault was given up: the x-error-code and x-error-message of its dead letter. */
export interface GiveUpReason {
  code: string;
  message: string;
}

/**
 * The fault as the consumer would have dead-lettered it: its own record (key, value, ce_* headers)
 * on `<original topic>.dlq`, with the headers the consumer's dead-lettering adds (SPEC §5), so that
 * `npm run dlq:replay` hands it back to this consumer group.
 */
export function deadLetterEntry(held: HeldFaultDocument, reason: GiveUpReason, group: string): OutboxEntry {
  const [entry] = toOutboxEntries([held.event as unknown as EventEnvelope]);
  const { origin } = held;
  const headers = {
    ...entry.headers,
    'x-error-code': reason.code,
    'x-error-message': reason.message.slice(0, 2000),
    'x-consumer-group': group,
    'x-original-topic': origin.topic,
    'x-original-partition': String(origin.partition),
    'x-original-offset': origin.offset,
  };
  return { ...entry, topic: dlqTopic(origin.topic), headers };
}

/** The faults waiting for their appliance (see HeldFaultDocument). */
@Injectable()
export class HeldFaultRepository {
  constructor(@InjectModel(HELD_FAULT_MODEL) private readonly model: Model<HeldFaultDocument>) {}

  /** Idempotent: the _id is the fault event's id, so a redelivered fault finds its hold there. */
  async hold(held: HeldFaultDocument): Promise<boolean> {
    try {
      await this.model.create(definedOnlyDeep(held));
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** The faults still held for these serials, oldest first (the order they would have been handled). */
  heldFor(serialNumbers: readonly string[]): Promise<HeldFaultDocument[]> {
    return this.model
      .find({ serialNumber: { $in: [...serialNumbers] }, status: 'held' })
      .sort({ createdAt: 1 })
      .lean<HeldFaultDocument[]>()
      .exec();
  }

  held(limit: number): Promise<HeldFaultDocument[]> {
    return this.model.find({ status: 'held' }).sort({ heldUntil: 1 }).limit(limit).lean<HeldFaultDocument[]>().exec();
  }

  /** Conditional: a hold released or given up by another instance stays as it is. */
  async markReleased(id: string): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, status: 'held' }, { $set: { status: 'released' } }).exec();
    return result.modifiedCount === 1;
  }

  /** Given up, with its dead letter stored in the same single-document update (the relay sends it). */
  async markGivenUp(id: string, deadLetter: OutboxEntry): Promise<boolean> {
    // withEvents takes events and routes them by their type's topic; a dead letter goes elsewhere
    const update: UpdateQuery<HeldFaultDocument> = {
      $set: { status: 'given-up', outboxPending: true },
      $push: { outbox: deadLetter },
      $inc: { outboxRev: 1 },
      $min: { outboxSince: deadLetter.at },
    };
    const result = await this.model.updateOne({ _id: id, status: 'held' }, update).exec();
    return result.modifiedCount === 1;
  }
}
