import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { outboxFields, OutboxFields } from '@appliance-care/messaging';
import { definedOnly, isDuplicateKey } from '@appliance-care/platform';

import { REPLACEMENT_MODEL, ReplacementDocument } from './replacement.schema';

/** A replacement as the application sees it: without the relay's outbox. */
export type StoredReplacement = Omit<ReplacementDocument, keyof OutboxFields>;

@Injectable()
export class ReplacementRepository {
  constructor(@InjectModel(REPLACEMENT_MODEL) private readonly model: Model<ReplacementDocument>) {}

  /** The replacement of this (retired) appliance, if one was committed. */
  async find(replacedApplianceId: string): Promise<StoredReplacement | undefined> {
    return (
      (await this.model.findById(replacedApplianceId, { outbox: 0 }).lean<StoredReplacement>().exec()) ?? undefined
    );
  }

  /** Inserts the replacement with its events (the commit point); false when the appliance was replaced already. */
  async insert(replacement: StoredReplacement, events: readonly EventEnvelope[]): Promise<boolean> {
    try {
      await this.model.create({ ...definedOnly(replacement), ...outboxFields(events) });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  }
}
