import { Schema } from 'mongoose';
import { z } from 'zod';

import {
  Address,
  diagnosticTestSchema,
  faultSchema,
  partSchema,
  severitySchema,
  WarrantyStatus,
} from '@appliance-care/contracts';
import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { CASE_OUTCOMES, CASE_STATES, CaseOutcome, CaseState } from '../domain/diagnostic-case';

export const CASE_MODEL = 'DiagnosticCase';

export const caseHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  state: z.enum(CASE_STATES),
  actor: z.string().optional(),
  note: z.string().optional(),
});
export type CaseHistoryEntry = z.infer<typeof caseHistoryEntrySchema>;

const candidateRecordSchema = z.object({
  faultId: z.string(),
  fault: faultSchema,
  score: z.number(),
  reason: z.string(),
  severity: severitySchema,
  requiredSkill: z.string(),
  parts: z.array(partSchema),
});

export const triageRecordSchema = z.object({
  knowledgeBaseVersion: z.string(),
  route: z.enum(['guidance', 'visit']),
  severity: severitySchema,
  requiredSkill: z.string(),
  durationMinutes: z.number(),
  explanation: z.string(),
  candidates: z.array(candidateRecordSchema),
  guidance: z.array(z.string()).optional(),
});
export type TriageRecord = z.infer<typeof triageRecordSchema>;

export const resultRecordSchema = z.object({
  technicianId: z.string(),
  tests: z.array(diagnosticTestSchema),
  outcome: z.enum(CASE_OUTCOMES),
  faults: z.array(faultSchema),
  parts: z.array(partSchema),
  requiredSkill: z.string().optional(),
  severity: severitySchema,
  durationMinutes: z.number().optional(),
  notes: z.string().optional(),
  recordedAt: z.string(),
});
export type ResultRecord = z.infer<typeof resultRecordSchema>;

/** A diagnostic case: one problem of one appliance, from report to outcome; its events ride in its outbox. */
export interface CaseDocument extends Partial<OutboxFields> {
  _id: string;
  /** optimistic concurrency: every transition is conditioned on it */
  version: number;
  state: CaseState;
  outcome?: CaseOutcome;
  applianceId: string;
  customerId: string;
  serialNumber?: string;
  category: string;
  source: 'customer' | 'device';
  symptoms?: string;
  errorCode?: string;
  startedAt?: string;
  reportedAt: string;
  warranty: WarrantyStatus;
  region?: string;
  address?: Address;
  triage: TriageRecord;
  /** device reports of the same fault while the case is open */
  occurrences: number;
  lastSeenAt: string;
  /** latest occurrence event ids, so a redelivered report is not counted twice */
  recentEventIds: string[];
  technicianId?: string;
  workOrderId?: string;
  visitWindow?: { from: string; to: string };
  guidanceOutcome?: { fixed: boolean; at: string };
  result?: ResultRecord;
  /** hash of the creating request, for Idempotency-Key replays */
  requestHash?: string;
  history: CaseHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export const caseSchema = withOutbox(
  new Schema<CaseDocument>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      state: { type: String, required: true },
      outcome: String,
      applianceId: { type: String, required: true, index: true },
      customerId: { type: String, required: true, index: true },
      serialNumber: String,
      category: { type: String, required: true },
      source: { type: String, required: true },
      symptoms: String,
      errorCode: String,
      startedAt: String,
      reportedAt: { type: String, required: true },
      warranty: { type: Schema.Types.Mixed, required: true },
      region: String,
      address: Schema.Types.Mixed,
      triage: { type: Schema.Types.Mixed, required: true },
      occurrences: { type: Number, required: true },
      lastSeenAt: { type: String, required: true },
      recentEventIds: { type: [String], default: [] },
      technicianId: { type: String, index: true },
      workOrderId: String,
      visitWindow: Schema.Types.Mixed,
      guidanceOutcome: Schema.Types.Mixed,
      result: Schema.Types.Mixed,
      requestHash: String,
      history: { type: Schema.Types.Mixed, default: [] },
      createdAt: { type: String, required: true },
      updatedAt: { type: String, required: true },
    },
    { versionKey: false, collection: 'cases', minimize: false },
  ),
);
