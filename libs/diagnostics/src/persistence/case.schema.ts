import { Schema } from 'mongoose';
import { Address, DiagnosticTest, Fault, Part, Severity, WarrantyStatus } from '@appliance-care/contracts';
import { OutboxFields, withOutbox } from '@appliance-care/messaging';
import { CaseOutcome, CaseState } from '../domain/diagnostic-case';

export const CASE_MODEL = 'DiagnosticCase';

export interface CaseHistoryEntry {
  at: string;
  action: string;
  state: CaseState;
  actor?: string;
  note?: string;
}

export interface CandidateRecord {
  faultId: string;
  fault: Fault;
  score: number;
  reason: string;
  severity: Severity;
  requiredSkill: string;
  parts: Part[];
}

export interface TriageRecord {
  knowledgeBaseVersion: string;
  route: 'guidance' | 'visit';
  severity: Severity;
  requiredSkill: string;
  durationMinutes: number;
  explanation: string;
  candidates: CandidateRecord[];
  guidance?: string[];
}

export interface ResultRecord {
  technicianId: string;
  tests: DiagnosticTest[];
  outcome: CaseOutcome;
  faults: Fault[];
  parts: Part[];
  requiredSkill?: string;
  severity: Severity;
  durationMinutes?: number;
  notes?: string;
  recordedAt: string;
}

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
