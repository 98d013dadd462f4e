import { Schema } from 'mongoose';

import { LibraryItemEntry } from '../domain/library-item-timeline';

export const LIBRARY_ITEM_ENTRY_MODEL = 'LibraryItemEntry';

export type LibraryItemEntryDocument = Omit<LibraryItemEntry, 'id'> & { _id: string };

/** One document per (event, item), insert-only: a redelivery is a duplicate key, nothing else. */
export const libraryItemEntrySchema = new Schema<LibraryItemEntryDocument>(
  {
    _id: { type: String, required: true },
    itemId: { type: String, required: true, index: true },
    type: { type: String, required: true },
    eventType: { type: String, required: true },
    time: { type: String, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    summary: { type: String, required: true },
    status: String,
    patronId: String,
    position: { type: Schema.Types.Mixed },
  },
  { versionKey: false, collection: 'library_item_entries', minimize: true },
);
