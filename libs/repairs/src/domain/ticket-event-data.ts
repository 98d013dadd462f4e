import { EventData, Part } from '@appliance-care/contracts';

import { TicketState } from './ticket-state';

/** How the news that parts arrived reached the ticket: a dispatcher's REST call or the warehouse's event. */
export interface PartsArrival {
  via: 'api' | 'warehouse';
  /** what arrived; absent: what the ticket waited for */
  parts?: Part[];
  /** the warehouse's reference (delivery note, goods receipt) */
  reference?: string;
  /** when the parts arrived, as the warehouse says: the SLA pause ends there (never after now) */
  arrivedAt?: Date;
}

const ticketRef = (state: Readonly<TicketState>) => ({
  ticketId: state.ticketId,
  applianceId: state.applianceId,
  customerId: state.customerId,
});

/** What `repair.parts-arrived.v1` tells dispatch: everything a booking of the return visit needs. */
export function partsArrivedData(
  state: Readonly<TicketState>,
  arrival: { via: PartsArrival['via']; parts: Part[]; previousTechnicianId?: string; slaResumed: boolean },
  now: Date,
): EventData<'repair.parts-arrived.v1'> {
  return {
    ...ticketRef(state),
    at: now.toISOString(),
    arrivedVia: arrival.via,
    parts: arrival.parts,
    previousTechnicianId: arrival.previousTechnicianId,
    requiredSkill: state.requiredSkill,
    region: state.region,
    address: state.address,
    priority: state.priority,
    durationMinutes: state.durationMinutes,
    slaDueAt: new Date(state.slaDueAt).toISOString(),
    slaResumed: arrival.slaResumed,
  };
}

/** `repair.awaiting-parts.v1` for the technician just booked on a ticket whose parts are on order. */
export function awaitingPartsData(state: Readonly<TicketState>, now: Date): EventData<'repair.awaiting-parts.v1'> {
  const waited = state.awaitingParts as NonNullable<TicketState['awaitingParts']>;
  return {
    ...ticketRef(state),
    technicianId: state.technicianId as string,
    at: now.toISOString(),
    parts: waited.parts,
    expectedAt: waited.expectedAt,
    slaPaused: state.slaPausedAt !== undefined,
  };
}

/** What `repair.sla-at-risk.v1` tells the dispatch team (routed by region). */
export function slaAtRiskData(
  state: Readonly<TicketState>,
  now: Date,
  elapsedShare: number,
): EventData<'repair.sla-at-risk.v1'> {
  return {
    ...ticketRef(state),
    slaDueAt: new Date(state.slaDueAt).toISOString(),
    atRiskAt: now.toISOString(),
    elapsedShare,
    priority: state.priority,
    region: state.region,
    technicianId: state.technicianId,
  };
}

/** What `repair.sla-breached.v1` says; the region routes the dispatch team's alert. */
export function slaBreachedData(state: Readonly<TicketState>, now: Date): EventData<'repair.sla-breached.v1'> {
  return {
    ...ticketRef(state),
    slaDueAt: new Date(state.slaDueAt).toISOString(),
    breachedAt: now.toISOString(),
    priority: state.priority,
    technicianId: state.technicianId,
    region: state.region,
  };
}
