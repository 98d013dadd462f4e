import { createHash } from 'node:crypto';

import { Interval } from './time';

export const WORK_ORDER_KINDS = ['installation', 'diagnostic-visit', 'repair'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];
export type Priority = 'normal' | 'high' | 'urgent';

/**
 * pending: created, not tried yet · unassignable: waiting for the roster or the calendar to change ·
 * assigned: booked · in-progress: the technician started · done · released: the source gave the slot
 * up (failed, rescheduled) · cancelled: the source was cancelled.
 */
export const WORK_ORDER_STATUSES = [
  'pending',
  'unassignable',
  'assigned',
  'in-progress',
  'done',
  'released',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

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

export const WAITING: readonly WorkOrderStatus[] = ['pending', 'unassignable'];
export const BOOKED: readonly WorkOrderStatus[] = ['assigned', 'in-progress'];

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2 };

/** When the work must be done by: the end of the preferred window or the due time. */
export function deadlineOf(d: Pick<Demand, 'preferredWindow' | 'dueBy'>): number | undefined {
  const at = d.preferredWindow?.to ?? d.dueBy;
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
export function searchRange(d: Pick<Demand, 'preferredWindow' | 'dueBy'>, now: number, horizonDays: number): Interval {
  const from = Math.max(now, d.preferredWindow ? Date.parse(d.preferredWindow.from) : now);
  const to = deadlineOf(d) ?? now + horizonDays * 24 * 3_600_000;
  return { from, to };
}

/** Deterministic id: a redelivered or duplicated source event finds the same work order. */
export function workOrderIdFor(kind: WorkOrderKind, sourceId: string, attempt = 1): string {
  const id = `WO-${kind}-${sourceId}-${attempt}`;
  return id.length <= 128
    ? id
    : `WO-${kind}-${createHash('sha256').update(sourceId).digest('hex').slice(0, 40)}-${attempt}`;
}
