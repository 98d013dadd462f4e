import { z } from 'zod';

import * as diagnostics from './events/diagnostics.events';
import * as dispatch from './events/dispatch.events';
import {
  deviceFaultReportedSchema,
  partsArrivedSchema,
  partsReceivedSchema,
  purchaseRecordedSchema,
} from './events/inbound.events';
import * as library from './events/library.events';
import * as maintenance from './events/maintenance.events';
import * as notifications from './events/notifications.events';
import * as parts from './events/parts.events';
import * as portal from './events/portal.events';
import * as repairs from './events/repairs.events';
import * as sales from './events/sales-installation.events';
import { Topics } from './topics';

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  topic: string;
  schema: S;
  /** Kafka key: the aggregate whose per-key order must hold (applianceId where there is one). */
  key: (data: z.infer<S>) => string;
}

const def = <S extends z.ZodType>(topic: string, schema: S, key: (data: z.infer<S>) => string): EventDefinition<S> => ({
  topic,
  schema,
  key,
});

const byAppliance = (d: { applianceId: string }) => d.applianceId;
const byTicket = (d: { ticketId: string }) => d.ticketId;
const byItem = (d: { itemId: string }) => d.itemId;
const bySubscription = (d: { subscriptionId: string }) => d.subscriptionId;
const byShipment = (d: { shipmentId: string }) => d.shipmentId;
const byTask = (d: { taskId: string }) => d.taskId;

/** One source of truth: every event type, the topic it travels on, its schema and its key. */
export const EventRegistry = {
  'sales.purchase.recorded.v1': def(Topics.purchases, purchaseRecordedSchema, (d) => d.orderId),
  'device.fault.reported.v1': def(Topics.deviceFaults, deviceFaultReportedSchema, (d) => d.serialNumber),
  'parts.arrived.v1': def(Topics.warehouseParts, partsArrivedSchema, (d) => d.ticketId),
  'parts.received.v1': def(Topics.warehouseParts, partsReceivedSchema, (d) => d.location),
  'library.item.received.v1': def(Topics.libraryAcquisitions, library.libraryItemReceivedSchema, byItem),

  'customer.registered.v1': def(Topics.salesInstallation, sales.customerRegisteredSchema, (d) => d.customerId),
  'appliance.registered.v1': def(Topics.salesInstallation, sales.applianceRegisteredSchema, byAppliance),
  'appliance.retired.v1': def(Topics.salesInstallation, sales.applianceRetiredSchema, byAppliance),
  'installation.requested.v1': def(Topics.salesInstallation, sales.installationRequestedSchema, byAppliance),
  'installation.scheduled.v1': def(Topics.salesInstallation, sales.installationScheduledSchema, byAppliance),
  'installation.started.v1': def(Topics.salesInstallation, sales.installationStartedSchema, byAppliance),
  'installation.completed.v1': def(Topics.salesInstallation, sales.installationCompletedSchema, byAppliance),
  'installation.failed.v1': def(Topics.salesInstallation, sales.installationFailedSchema, byAppliance),
  'installation.rescheduled.v1': def(Topics.salesInstallation, sales.installationRescheduledSchema, byAppliance),
  'installation.cancelled.v1': def(Topics.salesInstallation, sales.installationCancelledSchema, byAppliance),
  'maintenance.plan-attached.v1': def(Topics.salesInstallation, maintenance.maintenancePlanAttachedSchema, byAppliance),
  'maintenance.opted-out.v1': def(Topics.salesInstallation, maintenance.maintenanceOptedOutSchema, byAppliance),
  'maintenance.opted-in.v1': def(Topics.salesInstallation, maintenance.maintenanceOptedInSchema, byAppliance),
  'maintenance.due.v1': def(Topics.salesInstallation, maintenance.maintenanceDueSchema, byAppliance),
  'maintenance.overdue.v1': def(Topics.salesInstallation, maintenance.maintenanceOverdueSchema, byAppliance),
  'maintenance.completed.v1': def(Topics.salesInstallation, maintenance.maintenanceCompletedSchema, byAppliance),

  'problem.reported.v1': def(Topics.diagnostics, diagnostics.problemReportedSchema, byAppliance),
  'diagnosis.guidance-sent.v1': def(Topics.diagnostics, diagnostics.diagnosisGuidanceSentSchema, byAppliance),
  'diagnosis.visit-requested.v1': def(Topics.diagnostics, diagnostics.diagnosisVisitRequestedSchema, byAppliance),
  'diagnosis.completed.v1': def(Topics.diagnostics, diagnostics.diagnosisCompletedSchema, byAppliance),
  'diagnosis.visit-cancelled.v1': def(Topics.diagnostics, diagnostics.diagnosisVisitCancelledSchema, byAppliance),

  'repair.ticket-opened.v1': def(Topics.repairs, repairs.repairTicketOpenedSchema, byAppliance),
  'repair.accepted.v1': def(Topics.repairs, repairs.repairAcceptedSchema, byAppliance),
  'repair.declined.v1': def(Topics.repairs, repairs.repairDeclinedSchema, byAppliance),
  'repair.en-route.v1': def(Topics.repairs, repairs.repairEnRouteSchema, byAppliance),
  'repair.started.v1': def(Topics.repairs, repairs.repairStartedSchema, byAppliance),
  'repair.awaiting-parts.v1': def(Topics.repairs, repairs.repairAwaitingPartsSchema, byAppliance),
  'repair.completed.v1': def(Topics.repairs, repairs.repairCompletedSchema, byAppliance),
  'repair.cancelled.v1': def(Topics.repairs, repairs.repairCancelledSchema, byAppliance),
  'repair.sla-breached.v1': def(Topics.repairs, repairs.repairSlaBreachedSchema, byAppliance),
  'repair.parts-arrived.v1': def(Topics.repairs, repairs.repairPartsArrivedSchema, byAppliance),
  'repair.sla-at-risk.v1': def(Topics.repairs, repairs.repairSlaAtRiskSchema, byAppliance),
  'repair.replacement-proposed.v1': def(Topics.repairs, repairs.repairReplacementProposedSchema, byAppliance),
  'repair.replacement-approved.v1': def(Topics.repairs, repairs.repairReplacementApprovedSchema, byAppliance),
  'repair.replacement-rejected.v1': def(Topics.repairs, repairs.repairReplacementRejectedSchema, byAppliance),

  'technician.registered.v1': def(Topics.dispatch, dispatch.technicianRegisteredSchema, (d) => d.technicianId),
  'technician.updated.v1': def(Topics.dispatch, dispatch.technicianUpdatedSchema, (d) => d.technicianId),
  'work-order.assigned.v1': def(Topics.dispatch, dispatch.workOrderAssignedSchema, byAppliance),
  'work-order.unassignable.v1': def(Topics.dispatch, dispatch.workOrderUnassignableSchema, byAppliance),
  'work-order.released.v1': def(Topics.dispatch, dispatch.workOrderReleasedSchema, byAppliance),
  'work-order.qualification-overridden.v1': def(
    Topics.dispatch,
    dispatch.workOrderQualificationOverriddenSchema,
    byAppliance,
  ),
  'work-order.accepted.v1': def(Topics.dispatch, dispatch.workOrderAcceptedSchema, byAppliance),
  'work-order.declined.v1': def(Topics.dispatch, dispatch.workOrderDeclinedSchema, byAppliance),
  'work-order.en-route.v1': def(Topics.dispatch, dispatch.workOrderEnRouteSchema, byAppliance),
  'work-order.rescheduled.v1': def(Topics.dispatch, dispatch.workOrderRescheduledSchema, byAppliance),
  'work-order.cancelled.v1': def(Topics.dispatch, dispatch.workOrderCancelledSchema, byAppliance),
  'work-order.bumped.v1': def(Topics.dispatch, dispatch.workOrderBumpedSchema, byAppliance),

  'notification.sent.v1': def(
    Topics.notifications,
    notifications.notificationSentSchema,
    (d) => d.applianceId ?? d.recipientId,
  ),
  'notification.failed.v1': def(
    Topics.notifications,
    notifications.notificationFailedSchema,
    (d) => d.applianceId ?? d.recipientId,
  ),
  'notification.undeliverable.v1': def(
    Topics.notifications,
    notifications.notificationUndeliverableSchema,
    (d) => d.applianceId ?? d.recipientId,
  ),

  'customer.feedback-given.v1': def(Topics.portal, portal.customerFeedbackGivenSchema, byAppliance),

  // keyed by ticket: a ticket's reservation, shortage, fulfilment and consumption stay in order
  'parts.reserved.v1': def(Topics.parts, parts.partsReservedSchema, byTicket),
  'parts.requested.v1': def(Topics.parts, parts.partsRequestedSchema, byTicket),
  'parts.reservation-fulfilled.v1': def(Topics.parts, parts.partsReservationFulfilledSchema, byTicket),
  'parts.consumed.v1': def(Topics.parts, parts.partsConsumedSchema, byTicket),
  'parts.released.v1': def(Topics.parts, parts.partsReleasedSchema, byTicket),

  // the library's technical services: an item's facts by item, a subscription's by subscription
  'library.item.registered.v1': def(Topics.libraryServices, library.libraryItemRegisteredSchema, byItem),
  'library.cataloguing.submitted.v1': def(Topics.libraryServices, library.libraryCataloguingSubmittedSchema, byItem),
  'library.cataloguing.returned.v1': def(Topics.libraryServices, library.libraryCataloguingReturnedSchema, byItem),
  'library.cataloguing.completed.v1': def(Topics.libraryServices, library.libraryCataloguingCompletedSchema, byItem),
  'library.hold.placed.v1': def(Topics.libraryServices, library.libraryHoldPlacedSchema, byItem),
  'library.item.shelf-ready.v1': def(Topics.libraryServices, library.libraryItemShelfReadySchema, byItem),
  'library.item.damage-reported.v1': def(Topics.libraryServices, library.libraryItemDamageReportedSchema, byItem),
  'library.item.triaged.v1': def(Topics.libraryServices, library.libraryItemTriagedSchema, byItem),
  'library.item.repaired.v1': def(Topics.libraryServices, library.libraryItemRepairedSchema, byItem),
  'library.subscription.started.v1': def(
    Topics.libraryServices,
    library.librarySubscriptionStartedSchema,
    bySubscription,
  ),
  'library.serial.issue-received.v1': def(
    Topics.libraryServices,
    library.librarySerialIssueReceivedSchema,
    bySubscription,
  ),
  'library.serial.claimed.v1': def(Topics.libraryServices, library.librarySerialClaimedSchema, bySubscription),
  'library.serial.volume-completed.v1': def(
    Topics.libraryServices,
    library.librarySerialVolumeCompletedSchema,
    bySubscription,
  ),
  'library.binding.shipment-sent.v1': def(Topics.libraryServices, library.libraryBindingShipmentSentSchema, byShipment),
  'library.binding.shipment-returned.v1': def(
    Topics.libraryServices,
    library.libraryBindingShipmentReturnedSchema,
    byShipment,
  ),
  'library.task.requested.v1': def(Topics.libraryServices, library.libraryTaskRequestedSchema, byTask),
  'library.task.closed.v1': def(Topics.libraryServices, library.libraryTaskClosedSchema, byTask),
  'queue-item.assigned.v1': def(Topics.dispatch, library.queueItemAssignedSchema, byTask),
  'queue-item.unassignable.v1': def(Topics.dispatch, library.queueItemUnassignableSchema, byTask),
} as const;

export type EventType = keyof typeof EventRegistry;
export type EventData<T extends EventType> = z.infer<(typeof EventRegistry)[T]['schema']>;

export const isEventType = (type: string): type is EventType =>
  Object.prototype.hasOwnProperty.call(EventRegistry, type);

export const eventDefinition = <T extends EventType>(type: T): (typeof EventRegistry)[T] => EventRegistry[type];

/** Topics on which the given event types travel (what a consumer must subscribe to). */
export const topicsFor = (types: readonly string[]): string[] => [
  ...new Set(types.filter(isEventType).map((t) => EventRegistry[t].topic)),
];
