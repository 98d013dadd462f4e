import { TicketState } from './ticket-state';
import { isOpen } from './ticket-status';

export type AppointmentCancellationDecision =
  { cancel: true } | { cancel: false; reason: 'ticket-closed' | 'other-appointment' };

/**
 * Whether the cancellation of a repair's appointment (dispatch's work-order.cancelled.v1) cancels
 * the ticket. It does, as a dispatcher's or customer's cancel would, unless the ticket is already
 * closed (a redelivery, or it was completed or cancelled meanwhile) or now holds another appointment
 * (the cancelled one was replaced: the cancellation is stale).
 */
export function decideAppointmentCancellation(
  ticket: Pick<TicketState, 'status' | 'workOrderId'>,
  workOrderId: string,
): AppointmentCancellationDecision {
  if (!isOpen(ticket.status)) return { cancel: false, reason: 'ticket-closed' };
  if (ticket.workOrderId !== undefined && ticket.workOrderId !== workOrderId)
    return { cancel: false, reason: 'other-appointment' };
  return { cancel: true };
}
