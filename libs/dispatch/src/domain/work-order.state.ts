import { createHash } from 'node:crypto';

import { Address } from '@appliance-care/contracts';

import { Demand } from './demand';
import { OverridableCheck } from './placement.policy';
import { WorkOrderStatus } from './work-order.state-machine';

export const WORK_ORDER_KINDS = ['installation', 'diagnostic-visit', 'repair', 'maintenance'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

/** What a work order's history says happened. */
export const WORK_ORDER_HISTORY_ACTIONS = [
  'created',
  'assigned',
  'unassignable',
  'released',
  'declined',
  'reassigned',
  'placed',
  'started',
  'done',
  'cancelled',
  'accepted',
  'en-route',
  'awaiting-parts',
  'rescheduled',
] as const;
export type WorkOrderHistoryAction = (typeof WORK_ORDER_HISTORY_ACTIONS)[number];

export interface WorkOrderHistoryEntry {
  at: string;
  action: WorkOrderHistoryAction;
  reason?: string;
  technicianId?: string;
}

export interface TimeWindow {
  from: string;
  to: string;
}

export interface WorkOrderState extends Demand {
  kind: WorkOrderKind;
  sourceId: string;
  attempt: number;
  sourceEventId: string;
  /** the lifecycle thread of the source event: every event of this order carries it */
  correlationId?: string;
  applianceId: string;
  customerId?: string;
  address?: Address;
  summary: string;
  severity?: string;
  status: WorkOrderStatus;
  technicianId?: string;
  technicianName?: string;
  window?: TimeWindow;
  bookingId?: string;
  /** UTC day of the booking: where its calendar document is */
  day?: string;
  /** why it was assigned to this technician, or why nobody could take it */
  reason?: string;
  /** technicians who declined it: never offered it again */
  declinedBy: string[];
  /** bookings this order gave up: a retried assignment must not adopt them again */
  releasedBookingIds: string[];
  /** a dispatcher placed it although the technician failed these checks: kept while that placement stands */
  override?: PlacementOverride;
  history: WorkOrderHistoryEntry[];
  version: number;
  updatedAt: string;
}

/** A slot booked in a technician's calendar for the order, and why this technician. */
export interface Assignment {
  technicianId: string;
  technicianName: string;
  bookingId: string;
  window: TimeWindow;
  day: string;
  reason: string;
}

/** Who overrode which failed checks of a placement by hand, and why. */
export interface PlacementOverride {
  failedChecks: OverridableCheck[];
  reason: string;
  by: string;
  at: string;
}

/** The booking a booked order holds. */
export type HeldBooking = Pick<Assignment, 'technicianId' | 'bookingId' | 'window' | 'day'>;

export type ReleaseReason = 'reassigned' | 'declined' | 'source-cancelled' | 'source-rescheduled';

/** What the order tells the world; the application turns these into the contract's events. */
export type WorkOrderEvent =
  | { type: 'work-order.assigned.v1'; assignment: Assignment; previousTechnicianId?: string }
  | { type: 'work-order.unassignable.v1'; reason: string }
  | { type: 'work-order.released.v1'; held: HeldBooking; reason: ReleaseReason; releasedAt: string }
  | { type: 'work-order.qualification-overridden.v1'; assignment: Assignment; override: PlacementOverride }
  | { type: 'work-order.accepted.v1'; held: HeldBooking; at: string }
  | { type: 'work-order.en-route.v1'; held: HeldBooking; technicianName?: string; eta: string; at: string }
  | { type: 'work-order.rescheduled.v1'; assignment: Assignment; previous: HeldBooking; change: AppointmentChange }
  | { type: 'work-order.cancelled.v1'; held?: HeldBooking; change: AppointmentChange; reason: string }
  | WorkOrderNotice;

/** Who moved or cancelled an appointment, through what (the API with a login, or a signed link), and when. */
export interface AppointmentChange {
  by: 'customer' | 'dispatcher' | 'admin';
  via: 'api' | 'link';
  at: string;
}

/** Said first in the write of the move that follows it: why the order leaves its technician. */
export type WorkOrderNotice =
  | { type: 'work-order.declined.v1'; held: HeldBooking; reason: string; at: string }
  | { type: 'work-order.bumped.v1'; held: HeldBooking; byWorkOrderId: string; at: string };

/** A move away from the current technician: the dispatcher's, a decline, or the holder no longer available. */
export interface ReassignRequest {
  /** the dispatcher's pick; otherwise the next qualified technician */
  technicianId?: string;
  /** unavailable: the holder's time off, deactivation or licence no longer covers the booking */
  cause: 'reassigned' | 'declined' | 'unavailable';
  /**
   * for a decline or an unavailable holder: who held it (a redelivered decline or roster change of an
   * order already moved on changes nothing)
   */
  decliner?: string;
  note?: string;
  /** the technician declined through the work order's own endpoint: said as work-order.declined.v1 */
  declineReason?: string;
}

/** Whom a move may go to, or why there is nothing to move. */
export type ReassignPlan = { outcome: 'moot'; reason: string } | { outcome: 'search'; exclude: string[] };

/** Deterministic id: a redelivered or duplicated source event finds the same work order. */
export function workOrderIdFor(kind: WorkOrderKind, sourceId: string, attempt = 1): string {
  const id = `WO-${kind}-${sourceId}-${attempt}`;
  return id.length <= 128
    ? id
    : `WO-${kind}-${createHash('sha256').update(sourceId).digest('hex').slice(0, 40)}-${attempt}`;
}
