import { Interval } from './time';

export type Priority = 'normal' | 'high' | 'urgent';

/** What the assignment policy needs to know about a work order. */
export interface Demand {
  workOrderId: string;
  requiredSkill: string;
  region: string;
  durationMinutes: number;
  priority: Priority;
  preferredWindow?: { from: string; to: string };
  dueBy?: string;
  createdAt: string;
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2 };

/** When the work must be done by: the end of the preferred window or the due time. */
export function deadlineOf(demand: Pick<Demand, 'preferredWindow' | 'dueBy'>): number | undefined {
  const at = demand.preferredWindow?.to ?? demand.dueBy;
  return at ? Date.parse(at) : undefined;
}

/** Urgent first, then the nearest deadline, then first come first served. */
export function byUrgency(a: Demand, b: Demand): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (deadlineOf(a) ?? Infinity) - (deadlineOf(b) ?? Infinity) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.workOrderId.localeCompare(b.workOrderId)
  );
}

/**
 * Where a slot may lie: inside the preferred window (installations), or from now until the due
 * time, or from now over the planning horizon. Never in the past.
 */
export function searchRange(
  demand: Pick<Demand, 'preferredWindow' | 'dueBy'>,
  now: number,
  horizonDays: number,
): Interval {
  const from = Math.max(now, demand.preferredWindow ? Date.parse(demand.preferredWindow.from) : now);
  const to = deadlineOf(demand) ?? now + horizonDays * 24 * 3_600_000;
  return { from, to };
}
