import { InvalidTransitionError } from '@appliance-care/kernel';

import { TicketAction, TicketStatus } from './ticket-status';

type Moves = Partial<Record<TicketStatus, TicketStatus>>;

const OPEN: TicketStatus[] = [
  'awaiting-assignment',
  'assigned',
  'accepted',
  'en-route',
  'in-progress',
  'awaiting-parts',
];
/** A warranty replacement's proposal and rejection leave an open ticket where it is: the repair goes on. */
const stays: Moves = Object.fromEntries(OPEN.map((status) => [status, status]));

/**
 * Every move a ticket may make. Assignment and release keep a ticket that waits for parts waiting:
 * whoever comes back finishes the job once the parts are there. When the parts arrive (a dispatcher
 * or the warehouse says so) the ticket goes back to scheduling, and dispatch books the return visit
 * (assign → accept → en route → start → complete); a technician who brings the parts on their own
 * may still go en route or start straight from the wait.
 */
const TRANSITIONS: Record<TicketAction, Moves> = {
  assign: {
    'awaiting-assignment': 'assigned',
    assigned: 'assigned',
    accepted: 'assigned',
    'en-route': 'assigned',
    'in-progress': 'assigned',
    'awaiting-parts': 'awaiting-parts',
  },
  release: {
    assigned: 'awaiting-assignment',
    accepted: 'awaiting-assignment',
    'en-route': 'awaiting-assignment',
    'in-progress': 'awaiting-assignment',
    'awaiting-parts': 'awaiting-parts',
  },
  accept: { assigned: 'accepted' },
  decline: { assigned: 'awaiting-assignment', accepted: 'awaiting-assignment' },
  'en-route': { accepted: 'en-route', 'awaiting-parts': 'en-route' },
  start: { 'en-route': 'in-progress', 'awaiting-parts': 'in-progress' },
  'awaiting-parts': { 'in-progress': 'awaiting-parts' },
  // the parts service could not reserve the parts (parts.requested.v1): before the visit, nobody goes without them
  'parts-short': {
    'awaiting-assignment': 'awaiting-parts',
    assigned: 'awaiting-parts',
    accepted: 'awaiting-parts',
    'en-route': 'awaiting-parts',
  },
  'parts-arrived': { 'awaiting-parts': 'awaiting-assignment' },
  complete: { 'in-progress': 'completed' },
  cancel: {
    'awaiting-assignment': 'cancelled',
    assigned: 'cancelled',
    accepted: 'cancelled',
    'en-route': 'cancelled',
    'in-progress': 'cancelled',
    'awaiting-parts': 'cancelled',
  },
  'propose-replacement': stays,
  'reject-replacement': stays,
  'approve-replacement': Object.fromEntries(OPEN.map((status) => [status, 'replaced'])),
};

const VERB: Record<TicketAction, string> = {
  assign: 'be assigned',
  release: 'be released',
  accept: 'be accepted',
  decline: 'be declined',
  'en-route': 'be marked en route',
  start: 'be started',
  'awaiting-parts': 'wait for parts',
  'parts-short': 'wait for parts on order',
  'parts-arrived': 'resume with arrived parts',
  complete: 'be completed',
  cancel: 'be cancelled',
  'propose-replacement': 'propose a replacement',
  'approve-replacement': 'be replaced',
  'reject-replacement': 'reject a replacement',
};

export class TicketStateMachine {
  static can(from: TicketStatus, action: TicketAction): boolean {
    return TRANSITIONS[action][from] !== undefined;
  }

  /** The status after `action`, or InvalidTransitionError (409 with the current state). */
  static next(ticketId: string, from: TicketStatus, action: TicketAction): TicketStatus {
    const to = TRANSITIONS[action][from];
    if (to === undefined) throw new InvalidTransitionError('repair ticket', ticketId, from, VERB[action]);
    return to;
  }

  static allowedActions(from: TicketStatus): TicketAction[] {
    return (Object.keys(TRANSITIONS) as TicketAction[]).filter((a) => TicketStateMachine.can(from, a));
  }
}
