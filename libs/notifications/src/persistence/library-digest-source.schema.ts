import { Schema } from 'mongoose';

export const LIBRARY_LATE_SERIAL_MODEL = 'LibraryLateSerial';
export const LIBRARY_APPROVAL_MODEL = 'LibraryApproval';
export const LIBRARY_DIGEST_RUN_MODEL = 'LibraryDigestRun';

/** An issue claimed from its vendor (library.serial.claimed.v1) until it is received (issue-received.v1). */
export interface LateSerialDoc {
  /** subscriptionId|volume|number */
  _id: string;
  subscriptionId: string;
  title: string;
  branch: string;
  volume: number;
  number: number;
  expectedOn: string;
  claimCount?: number;
  lastClaimedAt?: string;
  /** set once it came: never late again, whatever claim is replayed after */
  receivedOn?: string;
}

/** An original record from its submission until a librarian approves or returns it. */
export interface ApprovalDoc {
  /** the itemId */
  _id: string;
  branch: string;
  title: string;
  barcode: string;
  status: 'waiting' | 'closed';
  technicianId?: string;
  submittedAt?: string;
  /** time of the fact the document shows: an older fact never overwrites a newer one */
  at: string;
}

/** One branch's digest of one day: claimed by one instance (a conditional write), then done. */
export interface DigestRunDoc {
  /** digestRunId(branch, date) */
  _id: string;
  branch: string;
  date: string;
  status: 'running' | 'done';
  /** a claim left running past this (its instance died) may be taken over */
  leaseUntil: Date;
  startedAt: Date;
  finishedAt?: Date;
  lateSerials?: number;
  approvals?: number;
  notifications?: number;
}

export const lateSerialSchema = new Schema<LateSerialDoc>(
  {
    _id: { type: String, required: true },
    subscriptionId: { type: String, required: true },
    title: { type: String, required: true },
    branch: { type: String, required: true },
    volume: { type: Number, required: true },
    number: { type: Number, required: true },
    expectedOn: { type: String, required: true },
    claimCount: Number,
    lastClaimedAt: String,
    receivedOn: String,
  },
  { versionKey: false, collection: 'library_late_serials' },
);
lateSerialSchema.index({ branch: 1 });

export const approvalSchema = new Schema<ApprovalDoc>(
  {
    _id: { type: String, required: true },
    branch: { type: String, required: true },
    title: { type: String, required: true },
    barcode: { type: String, required: true },
    status: { type: String, required: true },
    technicianId: String,
    submittedAt: String,
    at: { type: String, required: true },
  },
  { versionKey: false, collection: 'library_approvals' },
);
approvalSchema.index({ branch: 1, status: 1 });

export const digestRunSchema = new Schema<DigestRunDoc>(
  {
    _id: { type: String, required: true },
    branch: { type: String, required: true },
    date: { type: String, required: true },
    status: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    lateSerials: Number,
    approvals: Number,
    notifications: Number,
  },
  { versionKey: false, collection: 'library_digest_runs' },
);
