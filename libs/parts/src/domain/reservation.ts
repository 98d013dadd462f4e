import { EventData, Part, ReservedLine } from '@appliance-care/contracts';

import { CatalogueItem } from './catalogue';
import { lineAmount, partsTotal, valuationBasis } from './parts-valuation.policy';
import { ReservationStateMachine, ReservationStatus } from './reservation.state-machine';
import { stockRowId } from './stock-location';

export interface ReservationLine extends ReservedLine {
  state: 'reserved' | 'waiting';
}

export interface ReservationState {
  ticketId: string;
  applianceId: string;
  customerId: string;
  region: string;
  coverage: 'covered' | 'billable';
  technicianId?: string;
  status: ReservationStatus;
  lines: ReservationLine[];
  /** stock rows (location|sku) a waiting line waits at: what a receipt looks up */
  waitingFor: string[];
  openedAt: string;
  /** days until a purchase is expected: the longest catalogue lead time of the ticket's parts */
  leadTimeDays: number;
  version: number;
}

export type ReservationEvent =
  | { type: 'parts.reserved.v1'; data: EventData<'parts.reserved.v1'> }
  | { type: 'parts.requested.v1'; data: EventData<'parts.requested.v1'> }
  | { type: 'parts.reservation-fulfilled.v1'; data: EventData<'parts.reservation-fulfilled.v1'> }
  | { type: 'parts.consumed.v1'; data: EventData<'parts.consumed.v1'> }
  | { type: 'parts.released.v1'; data: EventData<'parts.released.v1'> };

export interface Change {
  state: ReservationState;
  events: ReservationEvent[];
}

const ref = (s: ReservationState) => ({ ticketId: s.ticketId, applianceId: s.applianceId, customerId: s.customerId });
const priced = ({ state: _state, ...line }: ReservationLine): ReservedLine => line;
const waitingRows = (lines: readonly ReservationLine[]) =>
  lines.filter((l) => l.state === 'waiting').map((l) => stockRowId(l.location, l.sku));
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86400e3).toISOString();

/** A line as the catalogue prices it, taken from (reserved) or ordered for (waiting) `location`. */
export function lineFor(
  part: Part,
  item: CatalogueItem,
  location: string,
  state: ReservationLine['state'],
): ReservationLine {
  const { unitPrice, unitCost, currency } = item;
  return { sku: part.sku, name: item.name, quantity: part.quantity, location, unitPrice, unitCost, currency, state };
}

/** Every line was tried: reserved and requested parts are told (parts.reserved.v1, parts.requested.v1). */
export function settle(state: ReservationState, lines: ReservationLine[], now: Date): Change {
  const waiting = lines.filter((l) => l.state === 'waiting');
  const reserved = lines.filter((l) => l.state === 'reserved');
  const to = waiting.length ? 'waiting' : 'reserved';
  const at = now.toISOString();
  const next = {
    ...state,
    lines,
    waitingFor: waitingRows(lines),
    status: ReservationStateMachine.next(state.ticketId, state.status, 'settle', to),
  };
  const events: ReservationEvent[] = [];
  if (reserved.length) {
    const data = { ...ref(state), lines: reserved.map(priced), complete: waiting.length === 0, reservedAt: at };
    events.push({ type: 'parts.reserved.v1', data });
  }
  if (waiting.length) {
    const requested = waiting.map(({ sku, name, quantity, location }) => ({ sku, name, quantity, location }));
    const expectedAt = addDays(at, state.leadTimeDays);
    events.push({ type: 'parts.requested.v1', data: { ...ref(state), lines: requested, expectedAt, requestedAt: at } });
  }
  return { state: next, events };
}

/** Arrived stock filled the waiting line of `sku` at `location`; the last one fulfils the reservation. */
export function fillLine(state: ReservationState, sku: string, location: string, receiptId: string, now: Date): Change {
  const lines = state.lines.map((l) =>
    l.sku === sku && l.location === location && l.state === 'waiting' ? { ...l, state: 'reserved' as const } : l,
  );
  const complete = lines.every((l) => l.state === 'reserved');
  const status = ReservationStateMachine.next(
    state.ticketId,
    state.status,
    'fulfil',
    complete ? 'reserved' : 'waiting',
  );
  const next = { ...state, lines, waitingFor: waitingRows(lines), status };
  if (!complete) return { state: next, events: [] };
  const data = { ...ref(state), lines: lines.map(priced), fulfilledAt: now.toISOString(), receiptId };
  return { state: next, events: [{ type: 'parts.reservation-fulfilled.v1', data }] };
}

export interface StockReturn {
  location: string;
  sku: string;
  /** units held for the ticket that go back to the shelf */
  quantity: number;
}

/** What each reserved line gives back: everything but the units the repair used (waiting lines hold nothing). */
export function stockReturns(state: ReservationState, partsUsed: readonly Part[]): StockReturn[] {
  const used = new Map<string, number>();
  for (const part of partsUsed) used.set(part.sku, (used.get(part.sku) ?? 0) + part.quantity);
  return state.lines
    .filter((l) => l.state === 'reserved')
    .map((l) => ({
      location: l.location,
      sku: l.sku,
      quantity: l.quantity - Math.min(l.quantity, used.get(l.sku) ?? 0),
    }));
}

/** The repair completed: used units are consumed (valued at price or at cost), the rest released. */
export function consume(state: ReservationState, partsUsed: readonly Part[], now: Date): Change {
  const { basis } = valuationBasis(state.coverage);
  const returns = stockReturns(state, partsUsed);
  const reserved = state.lines.filter((l) => l.state === 'reserved');
  const used = reserved
    .map((l, i) => ({ ...priced(l), quantity: l.quantity - returns[i].quantity }))
    .filter((l) => l.quantity > 0)
    .map((l) => ({ ...l, basis, amount: lineAmount(l, basis) }));
  const released = reserved
    .map((l, i) => ({ ...priced(l), quantity: returns[i].quantity }))
    .filter((l) => l.quantity > 0);
  const currency = reserved[0]?.currency ?? 'GBP';
  const partsValue = { basis, currency, total: partsTotal(used, basis) };
  const status = ReservationStateMachine.next(state.ticketId, state.status, 'consume', 'consumed');
  const data = { ...ref(state), used, released, partsValue, consumedAt: now.toISOString() };
  // a ticket that never needed parts (kept only for a visit's later needs) has nothing to tell
  const events: ReservationEvent[] = state.lines.length ? [{ type: 'parts.consumed.v1', data }] : [];
  return { state: { ...state, status, waitingFor: [] }, events };
}

/** The ticket was cancelled: every reserved unit goes back, nothing waits any longer. */
export function release(state: ReservationState, reason: string, now: Date): Change {
  const released = state.lines.filter((l) => l.state === 'reserved').map(priced);
  const status = ReservationStateMachine.next(state.ticketId, state.status, 'release', 'released');
  const data = { ...ref(state), released, reason, releasedAt: now.toISOString() };
  const events: ReservationEvent[] = state.lines.length ? [{ type: 'parts.released.v1', data }] : [];
  return { state: { ...state, status, waitingFor: [] }, events };
}
