import { EventRegistry, EventType } from './event-registry';
import { TopicName, Topics } from './topics';

/** Who publishes on each topic: one service, or an outside system on an inbound topic. */
export interface TopicProducer {
  producer: string;
  inbound: boolean;
  description: string;
}

/** One producer per topic: each service publishes only on its own topic (SPEC §4). */
export const TopicProducers: Record<TopicName, TopicProducer> = {
  [Topics.purchases]: { producer: 'sales systems', inbound: true, description: 'purchases recorded by sales systems' },
  [Topics.deviceFaults]: {
    producer: 'connected appliances',
    inbound: true,
    description: 'fault codes reported by connected appliances',
  },
  [Topics.warehouseParts]: {
    producer: 'warehouse systems',
    inbound: true,
    description: 'parts that arrived for a repair waiting for them, and stock delivered to depots and vans',
  },
  [Topics.salesInstallation]: {
    producer: 'sales-installation',
    inbound: false,
    description: 'customers, appliances, warranties, installation jobs and planned maintenance',
  },
  [Topics.diagnostics]: { producer: 'diagnostics', inbound: false, description: 'problem reports and diagnoses' },
  [Topics.repairs]: { producer: 'repairs', inbound: false, description: 'repair tickets and their SLA' },
  [Topics.dispatch]: { producer: 'dispatch', inbound: false, description: 'technicians and work orders' },
  [Topics.notifications]: {
    producer: 'notifications',
    inbound: false,
    description: 'what customers and technicians were told',
  },
  [Topics.portal]: { producer: 'portal', inbound: false, description: "customers' feedback after a job" },
  [Topics.parts]: {
    producer: 'parts',
    inbound: false,
    description: 'reservations of stock for repair tickets, purchase requests, fulfilment and consumption',
  },
  [Topics.libraryAcquisitions]: {
    producer: 'library acquisitions systems',
    inbound: true,
    description: 'items a library received, handed to technical services',
  },
  [Topics.libraryServices]: {
    producer: 'library-services',
    inbound: false,
    description: "library items' processing, serials check-in and claims, binding, and work for library technicians",
  },
};

/** The library facts the portal's item timeline shows (not the serials' check-in, claims nor tasks). */
const LIBRARY_ITEM_TIMELINE_TYPES: EventType[] = [
  'library.item.registered.v1',
  'library.cataloguing.submitted.v1',
  'library.cataloguing.returned.v1',
  'library.cataloguing.completed.v1',
  'library.hold.placed.v1',
  'library.item.shelf-ready.v1',
  'library.item.damage-reported.v1',
  'library.item.triaged.v1',
  'library.item.repaired.v1',
  'library.serial.volume-completed.v1',
  'library.binding.shipment-sent.v1',
  'library.binding.shipment-returned.v1',
];

/**
 * What each service subscribes to: the event types of its @EventPattern handlers. Each service's
 * basics test compares this with the handlers the running service registered, so it stays true.
 */
export const ServiceSubscriptions = {
  'sales-installation': [
    'sales.purchase.recorded.v1',
    'work-order.assigned.v1',
    'work-order.unassignable.v1',
    'work-order.cancelled.v1',
    'repair.replacement-approved.v1',
  ],
  diagnostics: [
    'customer.registered.v1',
    'appliance.registered.v1',
    'appliance.retired.v1',
    'device.fault.reported.v1',
    'work-order.assigned.v1',
    'work-order.unassignable.v1',
    'work-order.cancelled.v1',
  ],
  repairs: [
    'appliance.registered.v1',
    'diagnosis.completed.v1',
    'parts.arrived.v1',
    'parts.consumed.v1',
    'parts.requested.v1',
    'parts.reservation-fulfilled.v1',
    'work-order.assigned.v1',
    'work-order.released.v1',
    'work-order.cancelled.v1',
  ],
  dispatch: [
    'installation.requested.v1',
    'installation.started.v1',
    'installation.completed.v1',
    'installation.failed.v1',
    'installation.rescheduled.v1',
    'diagnosis.visit-requested.v1',
    'diagnosis.completed.v1',
    'repair.ticket-opened.v1',
    'maintenance.due.v1',
    'maintenance.overdue.v1',
    'maintenance.completed.v1',
    'repair.declined.v1',
    'repair.started.v1',
    'repair.completed.v1',
    'repair.cancelled.v1',
    'repair.awaiting-parts.v1',
    'repair.parts-arrived.v1',
    'repair.sla-at-risk.v1',
    'repair.sla-breached.v1',
    'repair.replacement-approved.v1',
    'technician.registered.v1',
    'technician.updated.v1',
    'library.task.requested.v1',
    'library.task.closed.v1',
  ],
  notifications: [
    'customer.registered.v1',
    'technician.registered.v1',
    'technician.updated.v1',
    'appliance.registered.v1',
    'installation.scheduled.v1',
    'installation.completed.v1',
    'installation.failed.v1',
    'installation.rescheduled.v1',
    'installation.cancelled.v1',
    'maintenance.due.v1',
    'maintenance.overdue.v1',
    'maintenance.completed.v1',
    'problem.reported.v1',
    'diagnosis.guidance-sent.v1',
    'diagnosis.completed.v1',
    'diagnosis.visit-cancelled.v1',
    'repair.ticket-opened.v1',
    'repair.en-route.v1',
    'repair.awaiting-parts.v1',
    'repair.completed.v1',
    'repair.cancelled.v1',
    'repair.sla-breached.v1',
    'repair.sla-at-risk.v1',
    'repair.parts-arrived.v1',
    'repair.replacement-proposed.v1',
    'repair.replacement-approved.v1',
    'appliance.retired.v1',
    'work-order.assigned.v1',
    'work-order.released.v1',
    'work-order.unassignable.v1',
    'work-order.en-route.v1',
    'work-order.rescheduled.v1',
    'work-order.cancelled.v1',
    'work-order.bumped.v1',
    // the library: a patron's hold and its item on the shelf; what the supervisors' digest lists
    'library.hold.placed.v1',
    'library.item.shelf-ready.v1',
    'library.serial.claimed.v1',
    'library.serial.issue-received.v1',
    'library.cataloguing.submitted.v1',
    'library.cataloguing.completed.v1',
    'library.cataloguing.returned.v1',
  ],
  parts: [
    'repair.ticket-opened.v1',
    'repair.accepted.v1',
    'repair.awaiting-parts.v1',
    'repair.completed.v1',
    'repair.cancelled.v1',
    'parts.received.v1',
  ],
  'library-services': [
    'library.item.received.v1',
    'queue-item.assigned.v1',
    'queue-item.unassignable.v1',
    'library.serial.volume-completed.v1',
    // its own shipments' events: the items follow their shipment, each by its own write
    'library.binding.shipment-sent.v1',
    'library.binding.shipment-returned.v1',
  ],
  // the timeline: every lifecycle event, none of the inbound ones nor the people's registrations, nor the
  // parts service's stock keeping (the customer reads the ticket's repair.awaiting-parts and parts-arrived);
  // and the library items' timeline: every fact about an item (a shipment's about each item in it)
  portal: [
    ...LIBRARY_ITEM_TIMELINE_TYPES,
    ...(Object.keys(EventRegistry) as EventType[]).filter(
      (type) =>
        EventRegistry[type].topic !== Topics.parts &&
        EventRegistry[type].topic !== Topics.libraryAcquisitions &&
        EventRegistry[type].topic !== Topics.libraryServices &&
        !type.startsWith('queue-item.') &&
        ![
          'sales.purchase.recorded.v1',
          'device.fault.reported.v1',
          'parts.arrived.v1',
          'parts.received.v1',
          'customer.registered.v1',
          'technician.registered.v1',
          'technician.updated.v1',
        ].includes(type),
    ),
  ],
} satisfies Record<string, readonly EventType[]>;

export type SubscribingService = keyof typeof ServiceSubscriptions;

/** The event types a service publishes: every type on the topic it produces. */
export const publishedTypes = (service: string): EventType[] =>
  (Object.keys(EventRegistry) as EventType[]).filter(
    (type) => TopicProducers[EventRegistry[type].topic as TopicName].producer === service,
  );

/** The event types a service consumes ([] for a service without handlers). */
export const consumedTypes = (service: string): EventType[] =>
  [...((ServiceSubscriptions as Record<string, readonly EventType[]>)[service] ?? [])].sort();

/** Subscriptions to a type nobody declares producing: "a consumer may only subscribe to types some producer declares". */
export function subscriptionsWithoutProducer(): { service: string; type: string }[] {
  return Object.entries(ServiceSubscriptions).flatMap(([service, types]) =>
    (types as readonly string[])
      .filter(
        (type) => !(type in EventRegistry) || !TopicProducers[EventRegistry[type as EventType].topic as TopicName],
      )
      .map((type) => ({ service, type })),
  );
}
