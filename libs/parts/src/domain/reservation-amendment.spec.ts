import { ReservationLine, ReservationState } from './reservation';
import { amend, newNeeds } from './reservation-amendment';

const now = new Date('2027-02-01T10:00:00Z');
const line = (sku: string, state: ReservationLine['state'], location = 'depot:leeds'): ReservationLine => ({
  sku,
  name: sku,
  quantity: 1,
  location,
  unitPrice: 40,
  unitCost: 20,
  currency: 'GBP',
  state,
});
const reservation = (lines: ReservationLine[], status: ReservationState['status']): ReservationState => ({
  ticketId: 'RT-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  region: 'leeds',
  coverage: 'billable',
  status,
  lines,
  waitingFor: [],
  openedAt: now.toISOString(),
  leadTimeDays: 2,
  version: 1,
});

describe('reservation amendment (a visit found parts needed)', () => {
  it('needs only the skus the reservation neither holds nor waits for', () => {
    const state = reservation([line('PUMP', 'reserved'), line('SEAL', 'waiting')], 'waiting');
    const parts = [
      { sku: 'SEAL', name: 'seal', quantity: 1 },
      { sku: 'FAN', name: 'fan', quantity: 1 },
    ];
    expect(newNeeds(state, parts)).toEqual([{ sku: 'FAN', name: 'fan', quantity: 1 }]);
  });

  it('tells what it took and requests what is on order; the reservation waits', () => {
    const change = amend(
      reservation([], 'reserved'),
      [line('PUMP', 'reserved', 'van:T-1'), line('FAN', 'waiting')],
      'E-1',
      now,
    );
    expect(change.state).toMatchObject({ status: 'waiting', waitingFor: ['depot:leeds|FAN'] });
    expect(change.events.map((e) => e.type)).toEqual(['parts.reserved.v1', 'parts.requested.v1']);
    expect(change.events[1].data).toMatchObject({ expectedAt: '2027-02-03T10:00:00.000Z' });
  });

  it('fulfils at once when every line is held, so the return visit need not wait for stock', () => {
    const change = amend(reservation([line('PUMP', 'reserved')], 'reserved'), [line('FAN', 'reserved')], 'E-2', now);
    expect(change.state.status).toBe('reserved');
    expect(change.events.map((e) => e.type)).toEqual(['parts.reserved.v1', 'parts.reservation-fulfilled.v1']);
    expect(change.events[1].data).toMatchObject({ receiptId: 'held:E-2', lines: [{ sku: 'PUMP' }, { sku: 'FAN' }] });
  });

  it('still waits for lines already on order when the new ones are held', () => {
    const change = amend(reservation([line('SEAL', 'waiting')], 'waiting'), [line('FAN', 'reserved')], 'E-3', now);
    expect(change.state.status).toBe('waiting');
    expect(change.events.map((e) => e.type)).toEqual(['parts.reserved.v1']);
  });
});
