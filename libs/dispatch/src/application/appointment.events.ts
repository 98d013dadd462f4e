import { WorkOrderCancelled, WorkOrderRescheduled } from '@appliance-care/contracts';

import { WorkOrderEvent } from '../domain/work-order.state';

type Of<T extends WorkOrderEvent['type']> = Extract<WorkOrderEvent, { type: T }>;
type WorkOrderRef = 'workOrderId' | 'kind' | 'sourceId' | 'applianceId' | 'customerId';

/** work-order.rescheduled.v1's data beyond the order's ids: the new booking, the previous one, who and how. */
export function rescheduledData(event: Of<'work-order.rescheduled.v1'>): Omit<WorkOrderRescheduled, WorkOrderRef> {
  const { technicianId, window } = event.assignment;
  const { by: rescheduledBy, via, at: rescheduledAt } = event.change;
  const { technicianId: previousTechnicianId, window: previousWindow } = event.previous;
  return { technicianId, window, previousTechnicianId, previousWindow, rescheduledBy, via, rescheduledAt };
}

/** work-order.cancelled.v1's data beyond the order's ids: the booking it held (if any), who, how and why. */
export function cancelledData(event: Of<'work-order.cancelled.v1'>): Omit<WorkOrderCancelled, WorkOrderRef> {
  const { by: cancelledBy, via, at: cancelledAt } = event.change;
  const held = event.held ? { technicianId: event.held.technicianId, window: event.held.window } : {};
  return { ...held, cancelledBy, via, reason: event.reason, cancelledAt };
}
