import { booked, type WorkOrder } from './work-order';
import type { WorkOrderStep } from './work-order-steps';
import { AppointmentChange, Assignment, HeldBooking, WorkOrderEvent } from './work-order.state';
import { BOOKED, WorkOrderStateMachine } from './work-order.state-machine';

/** The reason work-order.assigned.v1 carries for a moved appointment, so notification rules can tell it apart. */
export const RESCHEDULED = 'rescheduled';

const noteOf = (change: AppointmentChange, what: string) => `${what} by the ${change.by} via ${change.via}`;

/** The booking an order gives up when it moves or is called off (a waiting order holds none). */
const heldBy = (order: WorkOrder): HeldBooking | undefined =>
  BOOKED.includes(order.state.status) ? order.held() : undefined;

/**
 * The appointment moves to the slot booked for it (`assignment`), chosen by the customer or staff
 * from the offered ones. A moved booking is announced as a new booking (work-order.assigned.v1 with
 * reason 'rescheduled' and the previous technician) next to the record of the move
 * (work-order.rescheduled.v1); the previous technician hears work-order.released.v1 only when the
 * job changed hands. A waiting order that gets its first booking this way has no previous booking
 * to record: it is booked as any order is.
 */
export function rescheduling(order: WorkOrder, assignment: Assignment, change: AppointmentChange): WorkOrderStep {
  WorkOrderStateMachine.next(order.id, order.state.status, 'reschedule');
  const previous = heldBy(order);
  const moved = { ...assignment, reason: previous ? RESCHEDULED : assignment.reason };
  const events: WorkOrderEvent[] = [];
  if (previous && previous.technicianId !== moved.technicianId)
    events.push({ type: 'work-order.released.v1', held: previous, reason: 'reassigned', releasedAt: change.at });
  events.push({ type: 'work-order.assigned.v1', assignment: moved, previousTechnicianId: previous?.technicianId });
  if (previous) events.push({ type: 'work-order.rescheduled.v1', assignment: moved, previous, change });
  const releasedBookingIds = [...order.state.releasedBookingIds, ...(previous ? [previous.bookingId] : [])];
  return {
    action: 'reschedule',
    technicianId: moved.technicianId,
    fields: { ...booked(moved), reason: moved.reason, releasedBookingIds },
    reason: noteOf(change, previous ? `moved from ${previous.window.from}` : 'booked in the chosen slot'),
    events,
  };
}

/**
 * The appointment is called off before it started: the order is cancelled and says so
 * (work-order.cancelled.v1, with the booking it held), so that the service that asked for the visit
 * closes its job. The booking's fields stay on the order as its record; the slot is given back.
 */
export function cancelling(order: WorkOrder, reason: string, change: AppointmentChange): WorkOrderStep {
  WorkOrderStateMachine.next(order.id, order.state.status, 'cancel-appointment');
  const held = heldBy(order);
  const releasedBookingIds = [...order.state.releasedBookingIds, ...(held ? [held.bookingId] : [])];
  return {
    action: 'cancel-appointment',
    technicianId: order.state.technicianId,
    fields: { reason, releasedBookingIds },
    reason: `${noteOf(change, 'cancelled')}: ${reason}`,
    events: [{ type: 'work-order.cancelled.v1', held, change, reason }],
  };
}
