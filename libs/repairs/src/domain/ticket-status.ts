export const TICKET_STATUSES = [
  'awaiting-assignment',
  'assigned',
  'accepted',
  'en-route',
  'in-progress',
  'awaiting-parts',
  'completed',
  'cancelled',
  // ended by a warranty replacement: the appliance was replaced, not repaired
  'replaced',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (s) => s !== 'completed' && s !== 'cancelled' && s !== 'replaced',
);
export const isOpen = (status: TicketStatus): boolean => OPEN_STATUSES.includes(status);

export const TICKET_ACTIONS = [
  'assign',
  'release',
  'accept',
  'decline',
  'en-route',
  'start',
  'awaiting-parts',
  'parts-short',
  'parts-arrived',
  'complete',
  'cancel',
  'propose-replacement',
  'approve-replacement',
  'reject-replacement',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];
