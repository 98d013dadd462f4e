import { EventEnvelope } from '@appliance-care/contracts';
import { deterministicUuid, EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { WorkOrder } from '../domain/work-order';
import { WorkOrderEvent, WorkOrderState } from '../domain/work-order.state';
import { cancelledData, rescheduledData } from './appointment.events';
import { isStepEvent, stepEnvelope } from './work-order-step.events';

const refOf = (state: WorkOrderState) => ({
  workOrderId: state.workOrderId,
  kind: state.kind,
  sourceId: state.sourceId,
  applianceId: state.applianceId,
  customerId: state.customerId,
});

/** Ids derive from the order, the version being left and the type (see WorkOrderEvents). */
const optionsOf = (stored: WorkOrderState, event: WorkOrderEvent) => ({
  subject: stored.applianceId,
  id: deterministicUuid(`${stored.workOrderId}|${stored.version}|${event.type}`),
});

/**
 * A work order's events. Ids derive from the order and the version being left, so whoever makes
 * the transition (a redelivery, the other instance, a retry after a roster change) produces the
 * same ids; they carry the correlation id of the request that created the order.
 */
export class WorkOrderEvents {
  constructor(private readonly factory: EventFactory) {}

  of(order: WorkOrder): EventEnvelope[] {
    const stored = order.before;
    const current = Correlation.current();
    const thread = {
      correlationId: stored.correlationId ?? current?.correlationId ?? stored.sourceEventId,
      causationId: current?.causationId ?? stored.sourceEventId,
    };
    return Correlation.run(thread, () => order.events.map((event) => this.envelope(stored, event)));
  }

  private envelope(stored: WorkOrderState, event: WorkOrderEvent): EventEnvelope {
    const options = optionsOf(stored, event);
    if (isStepEvent(event)) return stepEnvelope(this.factory, stored, event, options);
    switch (event.type) {
      case 'work-order.assigned.v1': {
        const { technicianId, technicianName, window, reason } = event.assignment;
        const { address, summary } = stored;
        const previousTechnicianId = event.previousTechnicianId;
        const data = { ...refOf(stored), technicianId, technicianName, window, reason, previousTechnicianId };
        return this.factory.create(event.type, { ...data, address, summary }, options);
      }
      case 'work-order.unassignable.v1': {
        const { reason } = event;
        return this.factory.create(event.type, { ...refOf(stored), reason, region: stored.region }, options);
      }
      case 'work-order.released.v1': {
        const { technicianId, window } = event.held;
        const { reason, releasedAt } = event;
        return this.factory.create(event.type, { ...refOf(stored), technicianId, window, reason, releasedAt }, options);
      }
      case 'work-order.qualification-overridden.v1': {
        const { technicianId, window } = event.assignment;
        const { failedChecks, reason: overrideReason, by: overriddenBy, at: overriddenAt } = event.override;
        const data = {
          ...refOf(stored),
          technicianId,
          window,
          failedChecks,
          overrideReason,
          overriddenBy,
          overriddenAt,
        };
        return this.factory.create(event.type, data, options);
      }
      case 'work-order.rescheduled.v1':
        return this.factory.create(event.type, { ...refOf(stored), ...rescheduledData(event) }, options);
      case 'work-order.cancelled.v1':
        return this.factory.create(event.type, { ...refOf(stored), ...cancelledData(event) }, options);
    }
  }
}
