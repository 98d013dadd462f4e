import { EventType } from '@appliance-care/contracts';

import { RecipientKind, TemplateName, Urgency } from './vocabulary';

/** A condition on a field of the event data: equality or membership, negatable. */
export type RuleCondition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: readonly (string | number | boolean)[] }
  | { field: string; notIn: readonly (string | number | boolean)[] };

/**
 * Who a rule tells: the person whose id is in a field of the event data, or a fixed recipient (a
 * team) whose id is data here; `routeField` of the event data (e.g. its region) may pick one of the
 * team's routes, which the notifications service's configuration defines (DISPATCH_TEAM_ROUTES).
 */
export type RuleRecipient =
  | { kind: RecipientKind; idField: 'customerId' | 'technicianId' | 'patronId' }
  | { kind: RecipientKind; id: string; routeField?: string };

export interface NotificationRule {
  eventType: EventType;
  /** who is told (RuleRecipient) */
  recipient: RuleRecipient;
  template: TemplateName;
  urgency: Urgency;
  /** all must hold */
  when?: readonly RuleCondition[];
}

const customer = { kind: 'customer', idField: 'customerId' } as const;
const technician = { kind: 'technician', idField: 'technicianId' } as const;
/**
 * the patron of a hold: a shelf-ready item names its holds (holdIds), and the notifications service
 * turns it into one event per hold carrying the hold's holdId and patronId before these rules are read
 */
const patron = { kind: 'patron', idField: 'patronId' } as const;
/** the dispatch team; an event's region picks the region's team when one is configured */
const dispatchTeam = { kind: 'dispatch-team', id: 'dispatch-team', routeField: 'region' } as const;

/**
 * Which event tells whom with which template. The only place that decides who is notified:
 * change a line here, not the code. One rule per (event, recipient).
 */
export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  // customers
  { eventType: 'appliance.registered.v1', recipient: customer, template: 'appliance-registered', urgency: 'normal' },
  {
    eventType: 'installation.scheduled.v1',
    recipient: customer,
    template: 'installation-scheduled',
    urgency: 'normal',
  },
  {
    eventType: 'installation.completed.v1',
    recipient: customer,
    template: 'installation-completed',
    urgency: 'normal',
  },
  { eventType: 'problem.reported.v1', recipient: customer, template: 'problem-received', urgency: 'normal' },
  { eventType: 'diagnosis.guidance-sent.v1', recipient: customer, template: 'guidance-sent', urgency: 'normal' },
  // installations reach the customer through installation.scheduled.v1; repairs through en-route
  {
    eventType: 'work-order.assigned.v1',
    recipient: customer,
    template: 'visit-scheduled',
    urgency: 'normal',
    when: [{ field: 'kind', equals: 'diagnostic-visit' }],
  },
  { eventType: 'diagnosis.completed.v1', recipient: customer, template: 'diagnosis-outcome', urgency: 'normal' },
  { eventType: 'repair.ticket-opened.v1', recipient: customer, template: 'repair-ticket-opened', urgency: 'normal' },
  { eventType: 'repair.en-route.v1', recipient: customer, template: 'technician-en-route', urgency: 'urgent' },
  { eventType: 'repair.awaiting-parts.v1', recipient: customer, template: 'repair-awaiting-parts', urgency: 'normal' },
  { eventType: 'repair.completed.v1', recipient: customer, template: 'repair-completed', urgency: 'normal' },
  { eventType: 'repair.cancelled.v1', recipient: customer, template: 'repair-cancelled', urgency: 'normal' },
  { eventType: 'repair.sla-breached.v1', recipient: customer, template: 'sla-breach-apology', urgency: 'normal' },
  // a repair's booking (who, when), with the link to move or cancel it; a move is told as the new booking
  {
    eventType: 'work-order.assigned.v1',
    recipient: customer,
    template: 'repair-visit-booked',
    urgency: 'normal',
    when: [{ field: 'kind', equals: 'repair' }],
  },
  // installations and diagnostic visits; a repair's is repair.en-route.v1
  {
    eventType: 'work-order.en-route.v1',
    recipient: customer,
    template: 'technician-en-route',
    urgency: 'urgent',
    when: [{ field: 'kind', notIn: ['repair'] }],
  },
  // a repair's cancellation reaches its customer and technician through repair.cancelled.v1
  {
    eventType: 'work-order.cancelled.v1',
    recipient: customer,
    template: 'appointment-cancelled',
    urgency: 'normal',
    when: [{ field: 'kind', notIn: ['repair'] }],
  },
  // the new time follows as the new booking's message; the technician hears from released/assigned
  { eventType: 'work-order.bumped.v1', recipient: customer, template: 'appointment-bumped', urgency: 'urgent' },
  { eventType: 'repair.parts-arrived.v1', recipient: customer, template: 'repair-parts-arrived', urgency: 'normal' },
  // a warranty replacement: the approval now; the new appliance's serial and warranty with its registration
  {
    eventType: 'repair.replacement-approved.v1',
    recipient: customer,
    template: 'repair-replacement-approved',
    urgency: 'normal',
  },
  { eventType: 'installation.failed.v1', recipient: customer, template: 'installation-failed', urgency: 'normal' },
  {
    eventType: 'installation.rescheduled.v1',
    recipient: customer,
    template: 'installation-rescheduled',
    urgency: 'normal',
  },

  // planned maintenance: due (a visit is being booked), booked (with the link to move or cancel it), completed
  { eventType: 'maintenance.due.v1', recipient: customer, template: 'maintenance-due', urgency: 'normal' },
  {
    eventType: 'work-order.assigned.v1',
    recipient: customer,
    template: 'maintenance-visit-booked',
    urgency: 'normal',
    when: [{ field: 'kind', equals: 'maintenance' }],
  },
  { eventType: 'maintenance.completed.v1', recipient: customer, template: 'maintenance-completed', urgency: 'normal' },

  // technicians
  { eventType: 'work-order.assigned.v1', recipient: technician, template: 'work-order-assigned', urgency: 'normal' },
  {
    eventType: 'work-order.released.v1',
    recipient: technician,
    template: 'work-order-reassigned',
    urgency: 'urgent',
    when: [{ field: 'reason', in: ['reassigned', 'declined', 'source-rescheduled'] }],
  },
  // a cancelled repair tells its technician through repair.cancelled.v1 (below), not twice
  {
    eventType: 'work-order.released.v1',
    recipient: technician,
    template: 'work-order-cancelled',
    urgency: 'urgent',
    when: [
      { field: 'reason', equals: 'source-cancelled' },
      { field: 'kind', notIn: ['repair'] },
    ],
  },
  {
    eventType: 'repair.cancelled.v1',
    recipient: technician,
    template: 'repair-cancelled-technician',
    urgency: 'urgent',
  },
  // an appointment the customer or a dispatcher cancelled (a repair's: repair.cancelled.v1 above)
  {
    eventType: 'work-order.cancelled.v1',
    recipient: technician,
    template: 'appointment-cancelled-technician',
    urgency: 'urgent',
    when: [{ field: 'kind', notIn: ['repair'] }],
  },

  // the dispatch team: what needs a dispatcher (the customer's sla-breach apology above stays)
  {
    eventType: 'work-order.unassignable.v1',
    recipient: dispatchTeam,
    template: 'dispatch-unassignable',
    urgency: 'normal',
  },
  {
    eventType: 'repair.replacement-proposed.v1',
    recipient: dispatchTeam,
    template: 'dispatch-replacement-proposed',
    urgency: 'normal',
  },
  { eventType: 'repair.sla-at-risk.v1', recipient: dispatchTeam, template: 'dispatch-sla-at-risk', urgency: 'normal' },
  {
    eventType: 'repair.sla-breached.v1',
    recipient: dispatchTeam,
    template: 'dispatch-sla-breached',
    urgency: 'urgent',
  },
  {
    eventType: 'maintenance.overdue.v1',
    recipient: dispatchTeam,
    template: 'dispatch-maintenance-overdue',
    urgency: 'normal',
  },

  // the library: each patron with a hold on an item is told it is on the shelf for them
  {
    eventType: 'library.item.shelf-ready.v1',
    recipient: patron,
    template: 'library-item-shelf-ready',
    urgency: 'normal',
  },
];

/** Event types some rule listens to. */
export const notifyingEventTypes = (): EventType[] => [...new Set(NOTIFICATION_RULES.map((r) => r.eventType))];

/**
 * Events heard on purpose and told to nobody, each with who tells the people instead: decided here,
 * in the table, rather than by a missing subscription (they are the lifecycle's record, on the timeline).
 */
export const UNTOLD_EVENTS: readonly { eventType: EventType; toldBy: string }[] = [
  {
    eventType: 'work-order.rescheduled.v1',
    toldBy:
      "the new booking's message (installation.scheduled.v1, work-order.assigned.v1) to the customer, one per move; " +
      'the technicians through work-order.assigned.v1 and work-order.released.v1',
  },
  { eventType: 'installation.cancelled.v1', toldBy: 'work-order.cancelled.v1, its cause, to customer and technician' },
  {
    eventType: 'diagnosis.visit-cancelled.v1',
    toldBy: 'work-order.cancelled.v1, its cause, to customer and technician',
  },
  {
    eventType: 'appliance.retired.v1',
    toldBy: "repair.replacement-approved.v1 and the replacement's appliance.registered.v1 (with both serials)",
  },
];

/** What the notifications service subscribes to: the rules' events and the untold ones. */
export const heardEventTypes = (): EventType[] => [
  ...new Set([...notifyingEventTypes(), ...UNTOLD_EVENTS.map((u) => u.eventType)]),
];
