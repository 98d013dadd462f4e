import { Schema } from 'mongoose';

import { KpiFact } from '../domain/kpi-fact';

export const KPI_FACT_MODEL = 'KpiFact';

export type KpiFactDocument = Omit<KpiFact, 'id'> & { _id: string };

/** One document per event (_id = event id), insert-only: a redelivery is a duplicate key, nothing else. */
export const kpiFactSchema = new Schema<KpiFactDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    sourceId: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    applianceId: { type: String, required: true },
    at: { type: String, required: true },
    time: { type: String, required: true },
    sequence: Number,
    workOrderId: String,
    customerId: String,
    technicianId: String,
    technicianName: String,
    region: String,
    window: Schema.Types.Mixed,
    firstTimeFix: Boolean,
  },
  { versionKey: false, collection: 'kpi_facts', minimize: true },
);
// the period's starts and completions: equality on the type, range on the time
kpiFactSchema.index({ type: 1, at: 1 });
