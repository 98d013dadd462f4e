import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { withEvents } from '@appliance-care/messaging';

import { duplicateKeyOnly } from './duplicate-key';
import { RECIPIENT_WAIT_MODEL, RecipientWaitDoc } from './recipient-wait.schema';

@Injectable()
export class RecipientWaitRepository {
  constructor(@InjectModel(RECIPIENT_WAIT_MODEL) private readonly model: Model<RecipientWaitDoc>) {}

  /** Idempotent: the _id is derived from (event, recipient); a redelivery finds it there. */
  async park(wait: RecipientWaitDoc): Promise<void> {
    try {
      await this.model.collection.insertOne(wait as never);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }

  /** Parks many waits in one unordered insert; waits already parked (a redelivery) stay as they are. */
  async parkMany(waits: readonly RecipientWaitDoc[]): Promise<void> {
    if (!waits.length) return;
    try {
      await this.model.collection.insertMany(waits as never[], { ordered: false });
    } catch (err) {
      if (!duplicateKeyOnly(err)) throw err;
    }
  }

  /** In the order their events were planned, so that they are delivered in that order. */
  async waitingFor(recipientId: string): Promise<RecipientWaitDoc[]> {
    return this.model
      .find({ recipientId, status: 'waiting' })
      .sort({ seq: 1, createdAt: 1 })
      .lean<RecipientWaitDoc[]>()
      .exec();
  }

  async waiting(limit: number): Promise<RecipientWaitDoc[]> {
    return this.model
      .find({ status: 'waiting' })
      .sort({ createdAt: 1, seq: 1 })
      .limit(limit)
      .lean<RecipientWaitDoc[]>()
      .exec();
  }

  async markPlanned(id: string): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'waiting' }, { $set: { status: 'planned' } }).exec();
  }

  async markExpired(id: string, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.model
      .updateOne({ _id: id, status: 'waiting' }, withEvents({ $set: { status: 'expired' } }, events) as never)
      .exec();
    return res.modifiedCount === 1;
  }
}
