import { EventType } from '@appliance-care/contracts';

import { RecipientKind, TemplateName, Urgency } from './vocabulary';

/** A condition on a field of the event data: equality or membership, negatable. */
export type RuleCondition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: readonly (string | number | boolean)[] }
  | { field: string; notIn: readonly (string | number | boolean)[] };

export interface NotificationRule {
  eventType: EventType;
  /** who is told: the recipient whose id is in this field of the event data */
  recipient: { kind: RecipientKind; idField: 'customerId' | 'technicianId' };
  template: TemplateName;
  urgency: Urgency;
  /** all must hold */
  when?: readonly RuleCondition[];
}

const customer = { kind: 'customer', idField: 'customerId' } as const;
const technician = { kind: 'technician', idField: 'technicianId' } as const;

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
];

/** Event types some rule listens to (what the service subscribes to). */
export const notifyingEventTypes = (): EventType[] => [...new Set(NOTIFICATION_RULES.map((r) => r.eventType))];
