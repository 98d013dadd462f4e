import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { HeldBooking, WorkOrderEvent, WorkOrderState } from '../domain/work-order.state';

/** The events of a booking's own steps: the technician's (accept, decline, en route) and a bump. */
export type StepEvent = Extract<
  WorkOrderEvent,
  { type: 'work-order.accepted.v1' | 'work-order.declined.v1' | 'work-order.en-route.v1' | 'work-order.bumped.v1' }
>;

const STEP_TYPES: ReadonlySet<string> = new Set<StepEvent['type']>([
  'work-order.accepted.v1',
  'work-order.declined.v1',
  'work-order.en-route.v1',
  'work-order.bumped.v1',
]);

export const isStepEvent = (event: WorkOrderEvent): event is StepEvent => STEP_TYPES.has(event.type);

/** What every one of them says: which order, and the booking it is about. */
const bookingOf = (stored: WorkOrderState, held: HeldBooking) => ({
  workOrderId: stored.workOrderId,
  kind: stored.kind,
  sourceId: stored.sourceId,
  applianceId: stored.applianceId,
  customerId: stored.customerId,
  technicianId: held.technicianId,
  window: held.window,
});

/** The contract's envelope of a step event (ids and thread as WorkOrderEvents gives them). */
export function stepEnvelope(
  factory: EventFactory,
  stored: WorkOrderState,
  event: StepEvent,
  options: { subject: string; id: string },
): EventEnvelope {
  const booking = bookingOf(stored, event.held);
  switch (event.type) {
    case 'work-order.accepted.v1':
      return factory.create(event.type, { ...booking, acceptedAt: event.at }, options);
    case 'work-order.declined.v1':
      return factory.create(event.type, { ...booking, reason: event.reason, declinedAt: event.at }, options);
    case 'work-order.en-route.v1': {
      const data = { ...booking, technicianName: event.technicianName, eta: event.eta, at: event.at };
      return factory.create(event.type, data, options);
    }
    case 'work-order.bumped.v1': {
      const data = { ...booking, bumpedByWorkOrderId: event.byWorkOrderId, bumpedAt: event.at };
      return factory.create(event.type, data, options);
    }
  }
}
