import { InvalidTransitionError } from '@appliance-care/kernel';

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

export const WAITING: readonly WorkOrderStatus[] = ['pending', 'unassignable'];
export const BOOKED: readonly WorkOrderStatus[] = ['assigned', 'in-progress'];

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
  | 'complete';

type Moves = Partial<Record<WorkOrderStatus, WorkOrderStatus>>;

const fromAnyOpen = (to: WorkOrderStatus): Moves => ({
  pending: to,
  unassignable: to,
  assigned: to,
  'in-progress': to,
});

/** Every move a work order may make; a move missing here is a 409 naming the current status. */
const TRANSITIONS: Record<WorkOrderAction, Moves> = {
  assign: { pending: 'assigned', unassignable: 'assigned' },
  // nobody can take it (yet): it waits for the roster or a calendar to change
  wait: { pending: 'unassignable', unassignable: 'unassignable' },
  // the dispatcher's pick, or the next qualified technician: booked or still waiting
  reassign: { pending: 'assigned', unassignable: 'assigned', assigned: 'assigned' },
  // the dispatcher places it by hand with a technician at a start time
  place: { pending: 'assigned', unassignable: 'assigned', assigned: 'assigned' },
  // the technician turned it down: the next qualified one takes it …
  decline: { assigned: 'assigned' },
  // … or, when nobody else qualifies, it waits
  'decline-and-wait': { assigned: 'unassignable' },
  // its technician is no longer available then (time off, deactivated, licence) and nobody else is
  unbook: { assigned: 'unassignable' },
  release: fromAnyOpen('released'),
  cancel: fromAnyOpen('cancelled'),
  start: { assigned: 'in-progress' },
  complete: fromAnyOpen('done'),
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
