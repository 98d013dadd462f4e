import { BusinessRuleError } from '@appliance-care/kernel';

import type { WorkOrder } from './work-order';
import { TimeWindow, WorkOrderEvent, WorkOrderState } from './work-order.state';
import { WorkOrderAction, WorkOrderStateMachine } from './work-order.state-machine';

/** A move decided by one of the rules below, with what it tells; `WorkOrder.take` applies it. */
export interface WorkOrderStep {
  action: WorkOrderAction;
  fields?: Partial<WorkOrderState>;
  /** what the history says about it */
  reason?: string;
  technicianId?: string;
  events: WorkOrderEvent[];
}

export type TechnicianStepName = 'accept' | 'decline' | 'en-route';

/** 409 before anything else is looked at (the held booking of an order in another state does not exist). */
const allowed = (order: WorkOrder, action: WorkOrderAction) =>
  WorkOrderStateMachine.next(order.id, order.state.status, action);

/**
 * A repair's accept, decline and en route are its ticket's (repairs keeps that state and tells
 * dispatch what it needs, e.g. repair.declined.v1): the work order's own endpoints refuse them and
 * say where they are.
 */
export function ticketCarriesIt(order: WorkOrderState, step: TechnicianStepName): BusinessRuleError | undefined {
  if (order.kind !== 'repair') return undefined;
  const endpoint = `POST /api/v1/tickets/${order.sourceId}/${step}`;
  return new BusinessRuleError(
    'ticket-carries-it',
    `work order ${order.workOrderId} is a repair: ${step} it on its ticket with repairs' ${endpoint}`,
    { currentState: order.status, ticketId: order.sourceId, endpoint },
  );
}

/** The technician takes the booked job. */
export function accepting(order: WorkOrder, at: string): WorkOrderStep {
  allowed(order, 'accept');
  const held = order.held();
  return { action: 'accept', technicianId: held.technicianId, events: [{ type: 'work-order.accepted.v1', held, at }] };
}

/** The technician is on the way (after accepting), expected at `eta`. */
export function headingOut(order: WorkOrder, eta: string, at: string): WorkOrderStep {
  allowed(order, 'en-route');
  const held = order.held();
  const technicianName = order.state.technicianName;
  return {
    action: 'en-route',
    technicianId: held.technicianId,
    reason: `on the way, expected ${eta}`,
    events: [{ type: 'work-order.en-route.v1', held, technicianName, eta, at }],
  };
}

/**
 * The repair's visit ended waiting for parts: the order records the visit as it was (`visit`, the
 * time its booking keeps) and why it stopped. Repairs told everyone already: no event of ours.
 */
export function awaitingParts(order: WorkOrder, visit: TimeWindow | undefined, why: string): WorkOrderStep {
  allowed(order, 'await-parts');
  const fields = visit ? { window: visit, reason: why } : { reason: why };
  return { action: 'await-parts', technicianId: order.state.technicianId, fields, reason: why, events: [] };
}

/** The parts arrived and the return visit is the work order `returnVisitId`: this visit's part is done. */
export function closingForReturn(order: WorkOrder, returnVisitId: string): WorkOrderStep {
  allowed(order, 'return');
  const why = `parts arrived: the return visit is work order ${returnVisitId}`;
  return { action: 'return', technicianId: order.state.technicianId, reason: why, events: [] };
}
