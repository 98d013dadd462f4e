import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { definedOnly, isDuplicateKey } from '@appliance-care/platform';

import { SLA_ALERT_MODEL, SlaAlertDocument } from './sla-alert.schema';

/** What one warning says about its ticket (the rest of the document is the repository's). */
export type SlaAlertFacts = Omit<SlaAlertDocument, '_id' | 'open' | 'updatedAt'>;

@Injectable()
export class SlaAlertRepository {
  constructor(@InjectModel(SLA_ALERT_MODEL) private readonly model: Model<SlaAlertDocument>) {}

  /**
   * Records a warning on the ticket's one document: the same warning again writes the same fields.
   * A ticket already closed stays closed (a warning racing the completion does not reopen it).
   */
  async record(facts: SlaAlertFacts): Promise<void> {
    const update = {
      $set: { ...definedOnly(facts), updatedAt: new Date().toISOString() },
      $setOnInsert: { open: true },
    };
    try {
      await this.model.updateOne({ _id: facts.ticketId }, update, { upsert: true }).exec();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // two instances inserted it at once: the document exists now, and the update matches it
      await this.model.updateOne({ _id: facts.ticketId }, update).exec();
    }
  }

  /** The ticket was completed or cancelled: off the board (idempotent; nothing if it was never flagged). */
  async close(ticketId: string): Promise<void> {
    await this.model
      .updateOne({ _id: ticketId }, { $set: { open: false, updatedAt: new Date().toISOString() } })
      .exec();
  }

  /** Equality on the indexed flag (pushed down by FerretDB). */
  open(): Promise<SlaAlertDocument[]> {
    return this.model.find({ open: true }).lean<SlaAlertDocument[]>().exec();
  }
}
