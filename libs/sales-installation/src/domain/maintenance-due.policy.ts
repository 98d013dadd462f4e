import { TimeWindow } from '@appliance-care/contracts';
import { addCalendarMonths, ValidationFailedError } from '@appliance-care/kernel';

import { ChecklistItem } from './installation-catalogue';

const DAY_MS = 86_400_000;

/** A decision with its reason, so that a caller (and a test) can tell "not yet" from "already done". */
export interface Verdict<R extends string> {
  act: boolean;
  reason: R;
}

/** The next visit is due one interval after the last completed one (not after the due date: a late visit moves the cycle). */
export const nextDueAt = (completedAt: string, intervalMonths: number): string =>
  addCalendarMonths(completedAt, intervalMonths);

/** What the decisions read of a schedule (maintenance-schedule.ts holds the whole state). */
export interface ScheduleFacts {
  status: 'active' | 'opted-out';
  dueAt: string;
  plan: { leadDays: number };
  requestedAt?: string;
  overdueAt?: string;
}

type Timing = Pick<ScheduleFacts, 'dueAt' | 'plan'>;

/** When the visit is asked for: leadDays before the due date. */
export const requestFrom = (schedule: Timing): number => Date.parse(schedule.dueAt) - schedule.plan.leadDays * DAY_MS;

export type DueReason = 'opted-out' | 'already-requested' | 'not-yet' | 'due';

/** Should the sweeper ask dispatch for this cycle's visit now? Once per cycle, again only after a cancelled request. */
export function dueVerdict(schedule: ScheduleFacts, now: Date): Verdict<DueReason> {
  if (schedule.status === 'opted-out') return { act: false, reason: 'opted-out' };
  if (schedule.requestedAt) return { act: false, reason: 'already-requested' };
  if (now.getTime() < requestFrom(schedule)) return { act: false, reason: 'not-yet' };
  return { act: true, reason: 'due' };
}

export type OverdueReason = 'opted-out' | 'already-flagged' | 'not-yet-due' | 'overdue';

/** Has this cycle's due date passed without a completed visit (a completion starts the next cycle)? Once per cycle. */
export function overdueVerdict(schedule: ScheduleFacts, now: Date): Verdict<OverdueReason> {
  if (schedule.status === 'opted-out') return { act: false, reason: 'opted-out' };
  if (schedule.overdueAt) return { act: false, reason: 'already-flagged' };
  if (now.getTime() <= Date.parse(schedule.dueAt)) return { act: false, reason: 'not-yet-due' };
  return { act: true, reason: 'overdue' };
}

/**
 * When the sweeper has something to decide next for this schedule (its index, so a sweep reads only
 * schedules with work): the request time until the visit is requested, then the due date until it is
 * flagged overdue; nothing while opted out or once both happened in the cycle.
 */
export function nextCheckAt(schedule: ScheduleFacts): string | undefined {
  if (schedule.status === 'opted-out') return undefined;
  if (!schedule.requestedAt) return new Date(requestFrom(schedule)).toISOString();
  if (!schedule.overdueAt) return schedule.dueAt;
  return undefined;
}

/**
 * The window offered to dispatch: from the request (never in the past) to leadDays after the due date
 * (or after now, for a visit already late), at least a day, so that a late request can still be booked.
 */
export function visitWindow(schedule: Timing, now: Date): TimeWindow {
  const from = Math.max(now.getTime(), requestFrom(schedule));
  const to = Math.max(Date.parse(schedule.dueAt), now.getTime()) + Math.max(schedule.plan.leadDays, 1) * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export interface MaintenanceAnswer {
  item: string;
  ok: boolean;
  note?: string;
}

/** Every item of the plan's checklist answered once, nothing else: else 400 naming the field. In the plan's order. */
export function checkMaintenanceChecklist(
  template: ChecklistItem[],
  answers: MaintenanceAnswer[],
): MaintenanceAnswer[] {
  const errors: { field: string; message: string }[] = [];
  const known = new Set(template.map((t) => t.item));
  const answered = new Map<string, MaintenanceAnswer>();
  answers.forEach((answer, index) => {
    if (!known.has(answer.item))
      errors.push({ field: `checklist.${index}.item`, message: `"${answer.item}" is not on this plan's checklist` });
    else if (answered.has(answer.item))
      errors.push({ field: `checklist.${index}.item`, message: `"${answer.item}" is answered twice` });
    else answered.set(answer.item, answer);
  });
  const missing = template.filter((t) => !answered.has(t.item)).map((t) => t.item);
  if (missing.length) errors.push({ field: 'checklist', message: `items not answered: ${missing.join(', ')}` });
  if (errors.length)
    throw new ValidationFailedError(`the maintenance checklist is incomplete: ${errors[0].message}`, errors);
  return template.map((t) => {
    const { item, ok, note } = answered.get(t.item) as MaintenanceAnswer;
    return note === undefined ? { item, ok } : { item, ok, note };
  });
}
