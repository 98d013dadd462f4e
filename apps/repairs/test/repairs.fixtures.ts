import {
  createEvent,
  DiagnosisCompleted,
  EventEnvelope,
  PartsArrived,
  Topics,
  WorkOrderAssigned,
  WorkOrderCancelled,
  WorkOrderReleased,
} from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, tokenFor } from '@appliance-care/service-testing';
import { KafkaProbe, repairRequiredDiagnosis, waitFor } from '@appliance-care/testing';

export const topics = {
  diagnostics: () => physicalTopic(Topics.diagnostics),
  dispatch: () => physicalTopic(Topics.dispatch),
  repairs: () => physicalTopic(Topics.repairs),
  warehouse: () => physicalTopic(Topics.warehouseParts),
};

let n = 0;
export const uid = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++n}`;

/** diagnostics' stand-in: the case outcome that opens tickets */
export function diagnosisCompleted(over: Partial<DiagnosisCompleted> = {}): EventEnvelope<DiagnosisCompleted> {
  const caseId = over.caseId ?? uid('CASE');
  return createEvent({
    type: 'diagnosis.completed.v1',
    source: '/appliance-care/diagnostics',
    subject: over.applianceId ?? 'A-1',
    data: repairRequiredDiagnosis({
      caseId,
      applianceId: 'A-1',
      customerId: 'C-1',
      technicianId: 'TECH-DIAG',
      ...over,
    }),
  }) as EventEnvelope<DiagnosisCompleted>;
}

/** What dispatch says of a repair work order in every event about it: booked an hour from now, for two hours. */
const repairWorkOrder = (ticketId: string, technicianId: string) => ({
  workOrderId: uid('WO'),
  kind: 'repair' as const,
  sourceId: ticketId,
  applianceId: 'A-1',
  customerId: 'C-1',
  technicianId,
  window: {
    from: new Date(Date.now() + 3600e3).toISOString(),
    to: new Date(Date.now() + 3 * 3600e3).toISOString(),
  },
});

/** dispatch's stand-in: a repair work order booked for a technician */
export function workOrderAssigned(
  ticketId: string,
  technicianId: string,
  over: Partial<WorkOrderAssigned> = {},
): EventEnvelope<WorkOrderAssigned> {
  return createEvent({
    type: 'work-order.assigned.v1',
    source: '/appliance-care/dispatch',
    subject: 'A-1',
    data: {
      ...repairWorkOrder(ticketId, technicianId),
      technicianName: `Tech ${technicianId}`,
      reason: 'best match',
      ...over,
    },
  }) as EventEnvelope<WorkOrderAssigned>;
}

export function workOrderReleased(
  ticketId: string,
  technicianId: string,
  reason: WorkOrderReleased['reason'],
  over: Partial<WorkOrderReleased> = {},
): EventEnvelope<WorkOrderReleased> {
  return createEvent({
    type: 'work-order.released.v1',
    source: '/appliance-care/dispatch',
    subject: 'A-1',
    data: { ...repairWorkOrder(ticketId, technicianId), reason, releasedAt: new Date().toISOString(), ...over },
  }) as EventEnvelope<WorkOrderReleased>;
}

/** dispatch's stand-in: the customer (or a dispatcher) cancelled a booked work order */
export function workOrderCancelled(
  ticketId: string,
  workOrderId: string,
  over: Partial<WorkOrderCancelled> = {},
): EventEnvelope<WorkOrderCancelled> {
  return createEvent({
    type: 'work-order.cancelled.v1',
    source: '/appliance-care/dispatch',
    subject: 'A-1',
    data: {
      ...repairWorkOrder(ticketId, 'TECH-ANY'),
      workOrderId,
      cancelledBy: 'customer',
      via: 'link',
      reason: 'no longer needed',
      cancelledAt: new Date().toISOString(),
      ...over,
    },
  }) as EventEnvelope<WorkOrderCancelled>;
}

/** the warehouse system's stand-in: the parts for a ticket arrived (keyed by ticket on warehouse.parts.v1) */
export function partsArrived(ticketId: string, over: Partial<PartsArrived> = {}): EventEnvelope<PartsArrived> {
  return createEvent({
    type: 'parts.arrived.v1',
    source: '/warehouse/goods-in',
    subject: ticketId,
    data: { ticketId, arrivedAt: new Date().toISOString(), reference: uid('GRN'), ...over },
  }) as EventEnvelope<PartsArrived>;
}

export const ticketIdOf = (caseId: string) => `RT-${caseId}`;

export async function dispatcherToken(): Promise<string> {
  return tokenFor('dispatcher', {}, 'dispatcher-1');
}

/** Polls the ticket until `ready` holds. */
export async function waitForTicket(
  svc: RunningService,
  ticketId: string,
  ready: (t: any) => boolean = () => true,
  what = `ticket ${ticketId}`,
): Promise<any> {
  const token = await dispatcherToken();
  return waitFor(
    async () => {
      const res = await http('GET', `${svc.url}/api/v1/tickets/${ticketId}`, { token });
      return res.status === 200 && ready(res.body) ? res.body : undefined;
    },
    { what },
  );
}

/**
 * Assigns through dispatch's event and waits until the ticket knows this booking (its technician and
 * work order): a ticket assigned before to the same technician must not pass for the new booking.
 */
export async function assign(
  probe: KafkaProbe,
  svc: RunningService,
  ticketId: string,
  technicianId: string,
  over: Partial<WorkOrderAssigned> = {},
): Promise<void> {
  const booking = workOrderAssigned(ticketId, technicianId, over);
  await probe.publish(topics.dispatch(), booking);
  await waitForTicket(
    svc,
    ticketId,
    (t) => t.technicianId === technicianId && t.workOrderId === booking.data.workOrderId,
    `${ticketId} assigned to ${technicianId} (${booking.data.workOrderId})`,
  );
}

/** Picks out the events about one ticket, for probe.waitForEvents. */
export const forTicket =
  (ticketId: string) =>
  (event: EventEnvelope): boolean =>
    (event.data as { ticketId?: string }).ticketId === ticketId;

export function eventsFor(probe: KafkaProbe, ticketId: string, type?: string): EventEnvelope<any>[] {
  return probe
    .events(type)
    .filter((e) => (e.data as { ticketId?: string }).ticketId === ticketId && e.type.startsWith('repair.'));
}
