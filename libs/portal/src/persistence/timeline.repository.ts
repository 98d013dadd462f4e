import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { orderTimeline } from '../domain/appliance-status.projection';
import { ApplianceDescription, TimelineEntry } from '../domain/timeline-entry';
import { TIMELINE_ENTRY_MODEL, TimelineEntryDocument } from './timeline-entry.schema';

const toEntry = ({ _id, ...rest }: TimelineEntryDocument): TimelineEntry => ({ id: _id, ...rest });

@Injectable()
export class TimelineRepository {
  constructor(@InjectModel(TIMELINE_ENTRY_MODEL) private readonly entries: Model<TimelineEntryDocument>) {}

  /** Inserts many entries in one unordered insert; entries already there (redeliveries) are left as they are. */
  async recordMany(entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const docs: TimelineEntryDocument[] = entries.map(({ id, ...rest }) => ({ _id: id, ...rest }));
    try {
      await this.entries.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async forAppliance(applianceId: string): Promise<TimelineEntry[]> {
    const docs = await this.entries.find({ applianceId }).lean<TimelineEntryDocument[]>().exec();
    return orderTimeline(docs.map(toEntry));
  }

  /** What the purchase said about the appliance (its registration entry), if the portal has it. */
  async applianceOf(applianceId: string): Promise<ApplianceDescription | undefined> {
    const purchase = await this.entries
      .findOne({ applianceId, eventType: 'appliance.registered.v1' }, { appliance: 1 })
      .lean<Pick<TimelineEntryDocument, 'appliance'>>()
      .exec();
    return purchase?.appliance;
  }

  /** Every entry of every appliance the customer owns (entries naming the customer pick the appliances). */
  async forCustomer(customerId: string): Promise<TimelineEntry[]> {
    const owned = await this.entries.find({ customerId }, { applianceId: 1 }).lean<{ applianceId: string }[]>().exec();
    const applianceIds = [...new Set(owned.map((entry) => entry.applianceId))];
    if (applianceIds.length === 0) return [];
    const docs = await this.entries
      .find({ applianceId: { $in: applianceIds } })
      .lean<TimelineEntryDocument[]>()
      .exec();
    return docs.map(toEntry);
  }
}
