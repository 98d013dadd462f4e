import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { LibraryItemEntry, orderItemTimeline } from '../domain/library-item-timeline';
import { LIBRARY_ITEM_ENTRY_MODEL, LibraryItemEntryDocument } from './library-item-entry.schema';

const toEntry = ({ _id, ...rest }: LibraryItemEntryDocument): LibraryItemEntry => ({ id: _id, ...rest });

@Injectable()
export class LibraryItemTimelineRepository {
  constructor(@InjectModel(LIBRARY_ITEM_ENTRY_MODEL) private readonly entries: Model<LibraryItemEntryDocument>) {}

  /** One unordered insert; entries already there (redeliveries) are left as they are. */
  async recordMany(entries: readonly LibraryItemEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const docs: LibraryItemEntryDocument[] = entries.map(({ id, ...rest }) => ({ _id: id, ...rest }));
    try {
      await this.entries.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** The item's entries in timeline order. */
  async forItem(itemId: string): Promise<LibraryItemEntry[]> {
    const docs = await this.entries.find({ itemId }).lean<LibraryItemEntryDocument[]>().exec();
    return orderItemTimeline(docs.map(toEntry));
  }
}
