import { Address, TimeWindow } from '@appliance-care/contracts';
import { addCalendarMonths, InvalidTransitionError, NotFoundError } from '@appliance-care/kernel';

import {
  checkMaintenanceChecklist,
  dueVerdict,
  MaintenanceAnswer,
  nextDueAt,
  overdueVerdict,
} from './maintenance-due.policy';
import { MaintenancePlan } from './maintenance-plan.catalogue';

export type MaintenanceStatus = 'active' | 'opted-out';
export type AttachedBy = 'registration' | 'dispatcher' | 'admin';

export interface MaintenanceBooking {
  workOrderId: string;
  technicianId: string;
  technicianName?: string;
  window: TimeWindow;
}

export interface CompletedMaintenanceVisit {
  cycle: number;
  workOrderId: string;
  technicianId: string;
  completedAt: string;
  checklist: MaintenanceAnswer[];
}

/** An appliance's maintenance schedule: the plan's terms, where the visits happen, and where the current cycle stands. */
export interface MaintenanceScheduleState {
  plan: MaintenancePlan;
  address: Address;
  status: MaintenanceStatus;
  attachedAt: string;
  attachedBy: AttachedBy;
  /** 1 until the first visit is completed, +1 for each completed visit */
  cycle: number;
  dueAt: string;
  /** requests sent to dispatch so far, across cycles: the work order's attempt */
  attempt: number;
  /** set while this cycle's visit is requested from dispatch (cleared by a cancelled appointment) */
  requestedAt?: string;
  booking?: MaintenanceBooking;
  /** set once this cycle was flagged overdue */
  overdueAt?: string;
  lastCompletedAt?: string;
  visits: CompletedMaintenanceVisit[];
}

/** Where the schedule stands, for the view and for refusals. */
export type MaintenancePhase = 'opted-out' | 'waiting' | 'visit-requested' | 'visit-booked';

export const phaseOf = (state: MaintenanceScheduleState): MaintenancePhase => {
  if (state.status === 'opted-out') return 'opted-out';
  if (state.booking) return 'visit-booked';
  return state.requestedAt ? 'visit-requested' : 'waiting';
};

export interface ScheduleTransition {
  state: MaintenanceScheduleState;
  changed: boolean;
}

const unchanged = (state: MaintenanceScheduleState): ScheduleTransition => ({ state, changed: false });
const changed = (state: MaintenanceScheduleState): ScheduleTransition => ({ state, changed: true });
const refuse = (id: string, state: MaintenanceScheduleState, action: string) =>
  new InvalidTransitionError('maintenance schedule of appliance', id, phaseOf(state), action);

/** A new schedule: the first visit is due one interval after attachment. */
export function attachSchedule(
  plan: MaintenancePlan,
  address: Address,
  at: string,
  by: AttachedBy,
): MaintenanceScheduleState {
  return {
    plan,
    address,
    status: 'active',
    attachedAt: at,
    attachedBy: by,
    cycle: 1,
    dueAt: addCalendarMonths(at, plan.intervalMonths),
    attempt: 0,
    visits: [],
  };
}

/**
 * Staff change an appliance's plan: the due date follows the new interval from the last visit (or
 * the attachment). Refused while a visit is requested: dispatch's work order carries the old terms.
 */
export function changePlan(id: string, state: MaintenanceScheduleState, plan: MaintenancePlan): ScheduleTransition {
  if (JSON.stringify(state.plan) === JSON.stringify(plan)) return unchanged(state);
  if (state.requestedAt) throw refuse(id, state, 'change its plan');
  const from = state.lastCompletedAt ?? state.attachedAt;
  return changed({ ...state, plan, dueAt: addCalendarMonths(from, plan.intervalMonths), overdueAt: undefined });
}

/** The sweeper asks dispatch for the visit (the due verdict decides). */
export function requestVisit(state: MaintenanceScheduleState, now: Date): ScheduleTransition {
  if (!dueVerdict(state, now).act) return unchanged(state);
  return changed({ ...state, attempt: state.attempt + 1, requestedAt: now.toISOString() });
}

/** The sweeper flags the cycle overdue (the overdue verdict decides). */
export function flagOverdue(state: MaintenanceScheduleState, now: Date): ScheduleTransition {
  if (!overdueVerdict(state, now).act) return unchanged(state);
  return changed({ ...state, overdueAt: now.toISOString() });
}

/** Dispatch booked (or moved) the requested visit; a booking with no request open is a stale one and changes nothing. */
export function recordBooking(state: MaintenanceScheduleState, booking: MaintenanceBooking): ScheduleTransition {
  if (!state.requestedAt) return unchanged(state);
  const current = state.booking;
  if (
    current &&
    current.workOrderId === booking.workOrderId &&
    current.technicianId === booking.technicianId &&
    current.window.from === booking.window.from &&
    current.window.to === booking.window.to
  )
    return unchanged(state);
  return changed({ ...state, booking });
}

/** The appointment was cancelled in dispatch: the cycle is due again, and the sweeper requests it again. */
export function releaseRequest(state: MaintenanceScheduleState, workOrderId: string): ScheduleTransition {
  if (!state.requestedAt) return unchanged(state);
  if (state.booking && state.booking.workOrderId !== workOrderId) return unchanged(state);
  return changed({ ...state, requestedAt: undefined, booking: undefined });
}

/**
 * The booked technician completed the visit: the checklist is recorded, and the next cycle is due
 * one interval after the completion. Anyone else's visit, or one that is not the booked one, is absent (404).
 */
export function completeVisit(
  id: string,
  state: MaintenanceScheduleState,
  visit: { workOrderId: string; technicianId: string; completedAt: string; checklist: MaintenanceAnswer[] },
): ScheduleTransition {
  const booking = state.booking;
  if (!booking || booking.workOrderId !== visit.workOrderId || booking.technicianId !== visit.technicianId)
    throw new NotFoundError('maintenance visit', visit.workOrderId);
  const checklist = checkMaintenanceChecklist(state.plan.checklist, visit.checklist);
  const record: CompletedMaintenanceVisit = { ...visit, cycle: state.cycle, checklist };
  return changed({
    ...state,
    cycle: state.cycle + 1,
    dueAt: nextDueAt(visit.completedAt, state.plan.intervalMonths),
    requestedAt: undefined,
    booking: undefined,
    overdueAt: undefined,
    lastCompletedAt: visit.completedAt,
    visits: [...state.visits, record],
  });
}

/** The customer stops the visits; refused while one is requested (cancel the appointment first: its link does). */
export function optOut(id: string, state: MaintenanceScheduleState): ScheduleTransition {
  if (state.status === 'opted-out') return unchanged(state);
  if (state.requestedAt) throw refuse(id, state, 'opt out (cancel the requested visit first)');
  return changed({ ...state, status: 'opted-out' });
}

/** The customer restarts the visits: a due date already past becomes now (due at once, not overdue yet). */
export function optIn(state: MaintenanceScheduleState, now: Date): ScheduleTransition {
  if (state.status === 'active') return unchanged(state);
  const late = Date.parse(state.dueAt) < now.getTime();
  return changed({
    ...state,
    status: 'active',
    dueAt: late ? now.toISOString() : state.dueAt,
    overdueAt: late ? undefined : state.overdueAt,
  });
}
