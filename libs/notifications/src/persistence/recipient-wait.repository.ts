import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { withEvents } from '@appliance-care/messaging';
import { isDuplicateKey } from '@appliance-care/platform';

import { RECIPIENT_WAIT_MODEL, RecipientWaitDoc } from './recipient-wait.schema';

@Injectable()
export class RecipientWaitRepository {
  constructor(@InjectModel(RECIPIENT_WAIT_MODEL) private readonly model: Model<RecipientWaitDoc>) {}

  /**
   * Parks waits in one unordered insert. Idempotent: the _id derives from (event, recipient), so a
   * redelivery finds its waits there and they stay as they are.
   */
  async parkMany(waits: RecipientWaitDoc[]): Promise<void> {
    if (!waits.length) return;
    try {
      await this.model.insertMany(waits, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
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
    const result = await this.model
      .updateOne({ _id: id, status: 'waiting' }, withEvents<RecipientWaitDoc>({ $set: { status: 'expired' } }, events))
      .exec();
    return result.modifiedCount === 1;
  }
}
