/**
 * Who can be told: customers and technicians (contacts from their owners' events), library patrons
 * (contacts from their holds), and teams such as the dispatch team and a branch's library supervisors
 * (contacts from the notifications service's configuration).
 */
export type RecipientKind = 'customer' | 'technician' | 'dispatch-team' | 'patron' | 'library-supervisor';

/** Urgent notices go at once; normal SMS wait for the end of the recipient's quiet hours. */
export type Urgency = 'normal' | 'urgent';

/** Every message the notifications service can send (libs/notifications/src/templates has their texts). */
export const TEMPLATE_NAMES = [
  'appliance-registered',
  'installation-scheduled',
  'installation-completed',
  'problem-received',
  'guidance-sent',
  'visit-scheduled',
  'diagnosis-outcome',
  'repair-ticket-opened',
  'technician-en-route',
  'repair-awaiting-parts',
  'repair-completed',
  'repair-cancelled',
  'sla-breach-apology',
  'work-order-assigned',
  'work-order-reassigned',
  'work-order-cancelled',
  'repair-cancelled-technician',
  // lifecycle notices of issue 17 (bookings, moves, cancellations)
  'repair-visit-booked',
  'appointment-cancelled',
  'appointment-cancelled-technician',
  'appointment-bumped',
  'repair-parts-arrived',
  'installation-failed',
  'installation-rescheduled',
  // planned maintenance (issue 20): due, booked, completed
  'maintenance-due',
  'maintenance-visit-booked',
  'maintenance-completed',
  // a warranty replacement (issue 20)
  'repair-replacement-approved',
  // a reminder before an appointment (reminder sweeper, not a rule)
  'appointment-reminder',
  // the dispatch team's alerts
  'dispatch-unassignable',
  'dispatch-sla-at-risk',
  'dispatch-sla-breached',
  'dispatch-maintenance-overdue',
  'dispatch-replacement-proposed',
  // the library (issue 21): a held item on the shelf; the supervisors' daily digest (a job, not a rule)
  'library-item-shelf-ready',
  'library-supervisor-digest',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
