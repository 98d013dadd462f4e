import { CaseStatus } from './diagnostic-case';

/** Whether a cancelled work order closes the case, or why it does not. */
export type VisitCancellationVerdict =
  { cancel: true } | { cancel: false; reason: 'already-cancelled' | 'completed' | 'no-visit' | 'other-work-order' };

/**
 * A case waiting for its visit (requested or booked) closes when that visit is cancelled. One done
 * meanwhile keeps its outcome (the technician's results came first: dispatch cancels only unstarted
 * orders), a guidance case has no visit, and a cancellation of another work order than the case's
 * booking is stale.
 */
export function visitCancellationVerdict(status: CaseStatus, workOrderId: string): VisitCancellationVerdict {
  if (status.state === 'visit-cancelled') return { cancel: false, reason: 'already-cancelled' };
  if (status.state === 'completed') return { cancel: false, reason: 'completed' };
  if (status.state === 'guidance-sent') return { cancel: false, reason: 'no-visit' };
  if (status.workOrderId && status.workOrderId !== workOrderId) return { cancel: false, reason: 'other-work-order' };
  return { cancel: true };
}
