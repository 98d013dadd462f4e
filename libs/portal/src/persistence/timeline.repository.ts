import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { orderTimeline } from '../domain/appliance-status.projection';
import { TimelineEntry } from '../domain/timeline-entry';
import { TIMELINE_ENTRY_MODEL, TimelineEntryDocument } from './timeline-entry.schema';

const DUPLICATE_KEY = 11000;

const toEntry = ({ _id, ...rest }: TimelineEntryDocument): TimelineEntry => ({ id: _id, ...rest });

@Injectable()
export class TimelineRepository {
  constructor(@InjectModel(TIMELINE_ENTRY_MODEL) private readonly entries: Model<TimelineEntryDocument>) {}

  /** Inserts the entry once; a second insert of the same event is a no-op. Returns whether it was new. */
  async record(entry: TimelineEntry): Promise<boolean> {
    const { id, ...rest } = entry;
    try {
      await this.entries.collection.insertOne({ _id: id, ...rest } as never);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) return false;
      throw err;
    }
  }

  /** Inserts many entries in one unordered insert; entries already there (redeliveries) are left as they are. */
  async recordMany(entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.entries.collection.insertMany(entries.map(({ id, ...rest }) => ({ _id: id, ...rest })) as never[], {
        ordered: false,
      });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { code?: number }[] }).writeErrors;
      const onlyDuplicates =
        (err as { code?: number }).code === DUPLICATE_KEY ||
        (Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((w) => w.code === DUPLICATE_KEY));
      if (!onlyDuplicates) throw err;
    }
  }

  async forAppliance(applianceId: string): Promise<TimelineEntry[]> {
    const docs = await this.entries.find({ applianceId }).lean<TimelineEntryDocument[]>().exec();
    return orderTimeline(docs.map(toEntry));
  }

  /** Every entry of every appliance the customer owns (entries naming the customer pick the appliances). */
  async forCustomer(customerId: string): Promise<TimelineEntry[]> {
    const owned = await this.entries.find({ customerId }, { applianceId: 1 }).lean<{ applianceId: string }[]>().exec();
    const applianceIds = [...new Set(owned.map((o) => o.applianceId))];
    if (applianceIds.length === 0) return [];
    const docs = await this.entries
      .find({ applianceId: { $in: applianceIds } })
      .lean<TimelineEntryDocument[]>()
      .exec();
    return docs.map(toEntry);
  }
}
