import { createHash } from 'node:crypto';

import { WorkOrderKind, workOrderKindSchema } from '@appliance-care/contracts';

import { KpiFact, latest } from './kpi-fact';

/** A customer's answer to the survey after a job: once per job. */
export interface FeedbackRecord {
  feedbackId: string;
  workOrderId: string;
  kind: WorkOrderKind;
  sourceId: string;
  applianceId: string;
  customerId: string;
  technicianId: string;
  region?: string;
  rating: number;
  comment?: string;
  fixedFirstTime: boolean;
  givenAt: string;
  /** the link it was given through (its jti) */
  linkId: string;
}

export interface FeedbackAnswer {
  rating: number;
  comment?: string;
  fixedFirstTime: boolean;
}

/** What a feedback link names once verified: the job (kind and source id) and the customer. */
export interface FeedbackLink {
  /** the link's `ref`: the job's kind */
  kind: string;
  /** the link's subject: the installation, case or ticket */
  sourceId: string;
  customerId: string;
  linkId: string;
}

/** The job as the portal's read model knows it: the latest booking of its source, and when it was done. */
export interface FeedbackJob {
  kind: WorkOrderKind;
  sourceId: string;
  workOrderId: string;
  applianceId: string;
  customerId?: string;
  technicianId: string;
  technicianName?: string;
  region?: string;
  window: { from: string; to: string };
  doneAt?: string;
}

const MAX_ID = 128;

/**
 * One feedback per job: the id is derived from the job's kind and source id (the document's _id), so
 * a second answer to the same job, through any link, is a duplicate key.
 */
export function feedbackIdFor(kind: string, sourceId: string): string {
  const readable = `FB-${kind}-${sourceId}`;
  if (readable.length <= MAX_ID) return readable;
  return `FB-${kind}-${createHash('sha256').update(sourceId).digest('hex').slice(0, 40)}`;
}

const DONE = new Set(['installation.completed.v1', 'repair.completed.v1', 'diagnosis.completed.v1']);

/**
 * The job a link names, from the facts of its source: the latest work-order.assigned.v1 gives the
 * work order, the technician and the region (its address, else the region the job was requested
 * for); undefined when no booking of that kind is known.
 */
export function jobOf(facts: readonly KpiFact[], kind: WorkOrderKind, sourceId: string): FeedbackJob | undefined {
  const mine = facts.filter((f) => f.sourceId === sourceId && f.kind === kind);
  const booking = latest(mine, (f) => f.type === 'work-order.assigned.v1');
  if (!booking?.workOrderId || !booking.technicianId || !booking.window) return undefined;
  const requestedRegion = latest(mine, (f) => f.region !== undefined && f.type !== 'work-order.assigned.v1')?.region;
  const done = latest(mine, (f) => DONE.has(f.type));
  return {
    kind,
    sourceId,
    workOrderId: booking.workOrderId,
    applianceId: booking.applianceId,
    customerId: booking.customerId,
    technicianId: booking.technicianId,
    technicianName: booking.technicianName,
    region: booking.region ?? requestedRegion,
    window: booking.window,
    doneAt: done?.at,
  };
}

export type FeedbackRefusal = 'not-a-job' | 'unknown-job' | 'other-customer';

/** Which job a verified link is for, or why it names none the portal may take feedback on. */
export function linkedJob(
  link: FeedbackLink,
  facts: readonly KpiFact[],
): { job: FeedbackJob } | { refused: FeedbackRefusal } {
  const kind = workOrderKindSchema.safeParse(link.kind);
  if (!kind.success) return { refused: 'not-a-job' };
  const job = jobOf(facts, kind.data, link.sourceId);
  if (!job) return { refused: 'unknown-job' };
  // the link was signed for one customer: it never answers for another's job
  if (job.customerId !== undefined && job.customerId !== link.customerId) return { refused: 'other-customer' };
  return { job };
}

/** The feedback record an answer through a verified link makes. */
export function feedbackFrom(link: FeedbackLink, job: FeedbackJob, answer: FeedbackAnswer, now: Date): FeedbackRecord {
  const comment = answer.comment?.trim();
  return {
    feedbackId: feedbackIdFor(job.kind, job.sourceId),
    workOrderId: job.workOrderId,
    kind: job.kind,
    sourceId: job.sourceId,
    applianceId: job.applianceId,
    customerId: link.customerId,
    technicianId: job.technicianId,
    ...(job.region ? { region: job.region } : {}),
    rating: answer.rating,
    ...(comment ? { comment } : {}),
    fixedFirstTime: answer.fixedFirstTime,
    givenAt: now.toISOString(),
    linkId: link.linkId,
  };
}
