/** The appointment cancelled through dispatch (work-order.cancelled.v1): the job ends with it. */
export interface Cancellation {
  workOrderId: string;
  by: 'customer' | 'dispatcher' | 'admin';
  reason: string;
  at: string;
}

/** Whether a cancelled work order cancels the job, or why it does not. */
export type CancellationVerdict =
  { cancel: true } | { cancel: false; reason: 'already-cancelled' | 'started' | 'completed' | 'other-work-order' };

/** What the verdict reads of an installation job. */
interface JobBooking {
  status: string;
  assignment?: { workOrderId: string };
  visits: readonly { workOrderId?: string }[];
}

/**
 * Dispatch cancels only unstarted orders, so a job started or done meanwhile keeps going; a
 * cancellation of a work order the job no longer books (an earlier visit's) is stale.
 */
export function cancellationVerdict(job: JobBooking, workOrderId: string): CancellationVerdict {
  if (job.status === 'cancelled') return { cancel: false, reason: 'already-cancelled' };
  if (job.status === 'in-progress') return { cancel: false, reason: 'started' };
  if (job.status === 'completed') return { cancel: false, reason: 'completed' };
  const booked = job.assignment?.workOrderId;
  const stale = booked ? booked !== workOrderId : job.visits.some((visit) => visit.workOrderId === workOrderId);
  return stale ? { cancel: false, reason: 'other-work-order' } : { cancel: true };
}
