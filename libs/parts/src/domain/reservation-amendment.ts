import { Part } from '@appliance-care/contracts';

import { Change, ReservationEvent, ReservationLine, ReservationState } from './reservation';
import { ReservationStateMachine } from './reservation.state-machine';
import { stockRowId } from './stock-location';

const ref = (s: ReservationState) => ({ ticketId: s.ticketId, applianceId: s.applianceId, customerId: s.customerId });
const priced = ({ state: _state, ...line }: ReservationLine) => line;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86400e3).toISOString();

/**
 * What a technician's awaiting-parts asks of the reservation that it does not already hold or wait
 * for: a sku the reservation has is the same need told again (the ticket waits for parts this
 * service put on order, or a redelivery), so that path is never reserved or ordered twice.
 */
export function newNeeds(state: Pick<ReservationState, 'lines'>, parts: readonly Part[]): Part[] {
  const known = new Set(state.lines.map((l) => l.sku));
  return parts.filter((p) => !known.has(p.sku));
}

/**
 * Lines a visit found needed, joined to the reservation: the ones taken are told (parts.reserved.v1),
 * the ones on order requested (parts.requested.v1); when nothing is waiting any longer the
 * reservation is fulfilled at once, so the ticket's return visit is booked without waiting for stock.
 */
export function amend(state: ReservationState, added: ReservationLine[], causeId: string, now: Date): Change {
  const lines = [...state.lines, ...added];
  const waiting = lines.filter((l) => l.state === 'waiting');
  const status = ReservationStateMachine.next(
    state.ticketId,
    state.status,
    'amend',
    waiting.length ? 'waiting' : 'reserved',
  );
  const next = { ...state, lines, status, waitingFor: waiting.map((l) => stockRowId(l.location, l.sku)) };
  const at = now.toISOString();
  const events: ReservationEvent[] = [];
  const reserved = added.filter((l) => l.state === 'reserved');
  if (reserved.length) {
    const data = { ...ref(state), lines: reserved.map(priced), complete: !waiting.length, reservedAt: at };
    events.push({ type: 'parts.reserved.v1', data });
  }
  const ordered = added.filter((l) => l.state === 'waiting');
  if (ordered.length) {
    const requested = ordered.map(({ sku, name, quantity, location }) => ({ sku, name, quantity, location }));
    const expectedAt = addDays(at, state.leadTimeDays);
    events.push({ type: 'parts.requested.v1', data: { ...ref(state), lines: requested, expectedAt, requestedAt: at } });
  } else if (!waiting.length) {
    const data = {
      ...ref(state),
      lines: lines.map(priced),
      fulfilledAt: at,
      receiptId: `held:${causeId}`.slice(0, 128),
    };
    events.push({ type: 'parts.reservation-fulfilled.v1', data });
  }
  return { state: next, events };
}
