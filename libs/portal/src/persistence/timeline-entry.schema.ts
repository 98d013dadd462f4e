import { Schema } from 'mongoose';

import { TimelineEntry } from '../domain/timeline-entry';

export const TIMELINE_ENTRY_MODEL = 'TimelineEntry';

export type TimelineEntryDocument = Omit<TimelineEntry, 'id'> & { _id: string };

/** One document per event (_id = event id), insert-only: a redelivery is a duplicate key, nothing else. */
export const timelineEntrySchema = new Schema<TimelineEntryDocument>(
  {
    _id: { type: String, required: true },
    applianceId: { type: String, required: true, index: true },
    customerId: { type: String, index: true },
    type: { type: String, required: true },
    eventType: { type: String, required: true },
    time: { type: String, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    summary: { type: String, required: true },
    appliance: { type: Schema.Types.Mixed },
    outcome: { type: String },
    workOrderId: { type: String },
    appointment: { type: Schema.Types.Mixed },
    position: { type: Schema.Types.Mixed },
  },
  { versionKey: false, collection: 'timeline_entries', minimize: true },
);
