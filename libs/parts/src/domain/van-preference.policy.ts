import { ReservationEvent, ReservationLine, ReservationState } from './reservation';
import { ReservationStateMachine } from './reservation.state-machine';
import { vanOf, vanOwner } from './stock-location';

export interface VanMove {
  sku: string;
  from: string;
  to: string;
  reason: string;
}

/**
 * The technician who took the job (repair.accepted.v1) carries its parts best: each line held at a
 * depot is worth moving to their van (no trip to collect it). Lines already on a van stay (that
 * technician found the job), waiting lines wait for their purchase, a closed reservation moves nothing.
 */
export function vanMoves(state: ReservationState, technicianId: string): VanMove[] {
  if (!ReservationStateMachine.can(state.status, 'consume')) return [];
  const to = vanOf(technicianId);
  return state.lines
    .filter((l) => l.state === 'reserved' && vanOwner(l.location) === undefined)
    .map((l) => ({
      sku: l.sku,
      from: l.location,
      to,
      reason: `${technicianId} took the job: their van, not ${l.location}`,
    }));
}

/** The lines moved to the van that had them, told as where the ticket's parts are now reserved. */
export function movedToVan(
  state: ReservationState,
  moved: readonly VanMove[],
  at: Date,
): {
  state: ReservationState;
  events: ReservationEvent[];
} {
  const of = (l: ReservationLine) => moved.find((m) => m.sku === l.sku && m.from === l.location);
  const lines = state.lines.map((l) => (of(l) && l.state === 'reserved' ? { ...l, location: of(l)!.to } : l));
  const changed = lines.filter((l, i) => l.location !== state.lines[i].location);
  if (changed.length === 0) return { state, events: [] };
  const data = {
    ticketId: state.ticketId,
    applianceId: state.applianceId,
    customerId: state.customerId,
    lines: changed.map(({ state: _state, ...line }) => line),
    complete: lines.every((l) => l.state === 'reserved'),
    reservedAt: at.toISOString(),
  };
  return { state: { ...state, lines }, events: [{ type: 'parts.reserved.v1', data }] };
}
