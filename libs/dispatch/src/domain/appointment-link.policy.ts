import { WorkOrderState } from './work-order.state';
import { WorkOrderStateMachine } from './work-order.state-machine';

/** What an appointment link says about the order it was sent for (its signed claims). */
export interface AppointmentLinkClaims {
  customerId: string;
  /** the booking's window start when the link was sent */
  ref?: string;
}

/**
 * Whether a genuine appointment link still acts on the order: `invalid` when it names another
 * customer's order (answered as absent), `stale` when the appointment moved, was cancelled or can no
 * longer be changed since the link was sent. A link is sent with its booking's start, and a move
 * changes the start: a link works for one move, the confirmation of the move carries the next one.
 */
export function linkRefusal(
  order: Pick<WorkOrderState, 'customerId' | 'status' | 'window'>,
  claims: AppointmentLinkClaims,
): 'invalid' | 'stale' | undefined {
  if (!order.customerId || order.customerId !== claims.customerId) return 'invalid';
  const sentFor = claims.ref === undefined ? NaN : Date.parse(claims.ref);
  if (!order.window || Date.parse(order.window.from) !== sentFor) return 'stale';
  if (!WorkOrderStateMachine.can(order.status, 'reschedule')) return 'stale';
  return undefined;
}
