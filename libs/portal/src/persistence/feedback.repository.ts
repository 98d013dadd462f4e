import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { insertWithEvents } from '@appliance-care/messaging';

import { FeedbackRecord } from '../domain/feedback';
import { FEEDBACK_MODEL, FeedbackDocument } from './feedback.schema';

const WITHOUT_OUTBOX = { outbox: 0, outboxPending: 0, outboxRev: 0, outboxSince: 0, outboxParked: 0 } as const;
const toRecord = ({ _id, ...rest }: FeedbackDocument): FeedbackRecord => ({ feedbackId: _id, ...rest });

@Injectable()
export class FeedbackRepository {
  constructor(@InjectModel(FEEDBACK_MODEL) private readonly model: Model<FeedbackDocument>) {}

  async exists(feedbackId: string): Promise<boolean> {
    return (await this.model.exists({ _id: feedbackId }).exec()) !== null;
  }

  /** Stores the feedback with its event in one write; false when the job was answered already. */
  insert(record: FeedbackRecord, events: readonly EventEnvelope[]): Promise<boolean> {
    const { feedbackId, ...rest } = record;
    return insertWithEvents(this.model, { _id: feedbackId, ...rest }, events);
  }

  async givenBetween(from: Date, to: Date): Promise<FeedbackRecord[]> {
    const docs = await this.model
      .find({ givenAt: { $gte: from.toISOString(), $lt: to.toISOString() } }, WITHOUT_OUTBOX)
      .lean<FeedbackDocument[]>()
      .exec();
    return docs.map(toRecord);
  }
}
