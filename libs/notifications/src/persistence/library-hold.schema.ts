import { Schema } from 'mongoose';

export const LIBRARY_HOLD_MODEL = 'LibraryHold';

/** A patron's hold on an item, from library.hold.placed.v1: whom a shelf-ready item's hold tells. */
export interface LibraryHoldDoc {
  /** the holdId */
  _id: string;
  itemId: string;
  patronId: string;
  /** the contact the patron gave with this hold */
  name: string;
  email: string;
  locale: string;
  placedAt: string;
}

export const libraryHoldSchema = new Schema<LibraryHoldDoc>(
  {
    _id: { type: String, required: true },
    itemId: { type: String, required: true },
    patronId: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    locale: { type: String, required: true },
    placedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'library_holds' },
);
