import { RepairEvent, TicketState } from './ticket-state';
import { TicketAction } from './ticket-status';

/** A change decided outside RepairTicket: the action the state machine checks, the state it sets, what it raises. */
export interface TicketStep {
  action: TicketAction;
  by: string;
  change: (state: TicketState) => void;
  details?: Record<string, unknown>;
  event: RepairEvent;
}

/** The fields every event of a technician's step carries. */
export interface TechnicianStepData {
  ticketId: string;
  applianceId: string;
  customerId: string;
  technicianId: string;
  at: string;
}
