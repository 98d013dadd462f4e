import { InvalidTransitionError } from '@appliance-care/kernel';

/**
 * pending: created, not tried yet · unassignable: waiting for the roster or the calendar to change ·
 * assigned: booked · in-progress: the technician started · done · released: the source gave the slot
 * up (failed, rescheduled) · cancelled: the source was cancelled · accepted, en-route: the technician
 * took the booked job, is on the way (installations, diagnostic visits: a repair's ticket carries these) ·
 * awaiting-parts: the visit ended waiting for parts (its booking is finished; the return visit is a new order).
 */
export const WORK_ORDER_STATUSES = [
  'pending',
  'unassignable',
  'assigned',
  'accepted',
  'en-route',
  'in-progress',
  'awaiting-parts',
  'done',
  'released',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WAITING: readonly WorkOrderStatus[] = ['pending', 'unassignable'];
export const BOOKED: readonly WorkOrderStatus[] = ['assigned', 'accepted', 'en-route', 'in-progress'];
/** Booked and not started: the technician may still turn it down, be moved off it, or start it. */
export const BOOKED_NOT_STARTED: readonly WorkOrderStatus[] = ['assigned', 'accepted', 'en-route'];

export type WorkOrderAction =
  | 'assign'
  | 'wait'
  | 'reassign'
  | 'place'
  | 'decline'
  | 'decline-and-wait'
  | 'unbook'
  | 'release'
  | 'cancel'
  | 'start'
  | 'complete'
  | 'accept'
  | 'en-route'
  | 'await-parts'
  | 'return'
  | 'reschedule'
  | 'cancel-appointment';

type Moves = Partial<Record<WorkOrderStatus, WorkOrderStatus>>;

const fromAnyOpen = (to: WorkOrderStatus): Moves => ({
  pending: to,
  unassignable: to,
  assigned: to,
  accepted: to,
  'en-route': to,
  'in-progress': to,
  'awaiting-parts': to,
});

/** Every move a work order may make; a move missing here is a 409 naming the current status. */
const TRANSITIONS: Record<WorkOrderAction, Moves> = {
  assign: { pending: 'assigned', unassignable: 'assigned' },
  // nobody can take it (yet): it waits for the roster or a calendar to change
  wait: { pending: 'unassignable', unassignable: 'unassignable' },
  // the dispatcher's pick, or the next qualified technician: booked or still waiting
  reassign: {
    pending: 'assigned',
    unassignable: 'assigned',
    assigned: 'assigned',
    accepted: 'assigned',
    'en-route': 'assigned',
  },
  // the dispatcher places it by hand with a technician at a start time
  place: {
    pending: 'assigned',
    unassignable: 'assigned',
    assigned: 'assigned',
    accepted: 'assigned',
    'en-route': 'assigned',
  },
  // the technician turned it down: the next qualified one takes it …
  decline: { assigned: 'assigned', accepted: 'assigned' },
  // … or, when nobody else qualifies, it waits
  'decline-and-wait': { assigned: 'unassignable', accepted: 'unassignable' },
  // its technician is no longer available then (time off, deactivated, licence) and nobody else is
  unbook: { assigned: 'unassignable', accepted: 'unassignable', 'en-route': 'unassignable' },
  release: fromAnyOpen('released'),
  cancel: fromAnyOpen('cancelled'),
  // (from awaiting-parts: the repair resumed on the spot, no return visit needed)
  start: {
    assigned: 'in-progress',
    accepted: 'in-progress',
    'en-route': 'in-progress',
    'awaiting-parts': 'in-progress',
  },
  complete: fromAnyOpen('done'),
  // the technician's own steps on an installation or a diagnostic visit (POST /work-orders/{id}/…)
  accept: { assigned: 'accepted' },
  'en-route': { accepted: 'en-route' },
  // the repair's visit ended waiting for parts: its booking is finished, the calendar after it free
  'await-parts': { assigned: 'awaiting-parts', 'in-progress': 'awaiting-parts' },
  // the parts arrived and the return visit is a work order of its own: this visit's part is done
  return: { 'awaiting-parts': 'done' },
  // the customer (or staff) moves the appointment to an offered slot, or calls it off, before it started
  reschedule: {
    pending: 'assigned',
    unassignable: 'assigned',
    assigned: 'assigned',
    accepted: 'assigned',
    'en-route': 'assigned',
  },
  'cancel-appointment': {
    pending: 'cancelled',
    unassignable: 'cancelled',
    assigned: 'cancelled',
    accepted: 'cancelled',
    'en-route': 'cancelled',
  },
};

const VERB: Record<WorkOrderAction, string> = {
  assign: 'be assigned',
  wait: 'be marked unassignable',
  reassign: 'be reassigned',
  place: 'be placed by hand',
  decline: 'be declined',
  'decline-and-wait': 'be declined',
  unbook: 'be released from its technician',
  release: 'be released',
  cancel: 'be cancelled',
  start: 'be started',
  complete: 'be completed',
  accept: 'be accepted',
  'en-route': 'be marked en route',
  'await-parts': 'wait for parts',
  return: 'be closed for a return visit',
  reschedule: 'be rescheduled',
  'cancel-appointment': 'be cancelled',
};

export class WorkOrderStateMachine {
  static can(from: WorkOrderStatus, action: WorkOrderAction): boolean {
    return TRANSITIONS[action][from] !== undefined;
  }

  /** The status after `action`, or InvalidTransitionError (409 with the current status). */
  static next(workOrderId: string, from: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus {
    const to = TRANSITIONS[action][from];
    if (to === undefined) throw new InvalidTransitionError('work order', workOrderId, from, VERB[action]);
    return to;
  }
}
