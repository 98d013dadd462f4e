import { Catalogue } from './catalogue';
import { consume, fillLine, lineFor, release, ReservationState, settle } from './reservation';

const catalogue = new Catalogue([
  {
    sku: 'PUMP',
    name: 'Drain pump',
    unitCost: 20,
    unitPrice: 40,
    currency: 'GBP',
    categories: [],
    models: [],
    leadTimeDays: 3,
  },
  {
    sku: 'SEAL',
    name: 'Door seal',
    unitCost: 10,
    unitPrice: 25,
    currency: 'GBP',
    categories: [],
    models: [],
    leadTimeDays: 5,
  },
]);
const now = new Date('2027-02-01T10:00:00Z');
const opened = (coverage: 'covered' | 'billable' = 'billable'): ReservationState => ({
  ticketId: 'RT-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  region: 'leeds',
  coverage,
  status: 'reserving',
  lines: [],
  waitingFor: [],
  openedAt: now.toISOString(),
  leadTimeDays: 5,
  version: 1,
});
const pump = lineFor({ sku: 'PUMP', name: 'x', quantity: 2 }, catalogue.find('PUMP')!, 'van:T-1', 'reserved');
const seal = lineFor({ sku: 'SEAL', name: 'x', quantity: 1 }, catalogue.find('SEAL')!, 'depot:leeds', 'waiting');

describe('a parts reservation', () => {
  it('settles as reserved, telling the reserved lines with their catalogue prices', () => {
    const { state, events } = settle(opened(), [pump], now);
    expect(state.status).toBe('reserved');
    expect(events).toEqual([
      {
        type: 'parts.reserved.v1',
        data: expect.objectContaining({
          complete: true,
          lines: [expect.objectContaining({ sku: 'PUMP', unitPrice: 40, unitCost: 20 })],
        }),
      },
    ]);
  });

  it('settles as waiting with a purchase request for what no location has, expected after the lead time', () => {
    const { state, events } = settle(opened(), [pump, seal], now);
    expect(state).toMatchObject({ status: 'waiting', waitingFor: ['depot:leeds|SEAL'] });
    expect(events.map((e) => e.type)).toEqual(['parts.reserved.v1', 'parts.requested.v1']);
    expect(events[1].data).toMatchObject({
      lines: [{ sku: 'SEAL', quantity: 1, location: 'depot:leeds' }],
      expectedAt: '2027-02-06T10:00:00.000Z',
    });
  });

  it('is fulfilled when arriving stock fills its last waiting line', () => {
    const waiting = settle(opened(), [pump, seal], now).state;
    const { state, events } = fillLine(waiting, 'SEAL', 'depot:leeds', 'GRN-1', now);
    expect(state).toMatchObject({ status: 'reserved', waitingFor: [] });
    expect(events).toEqual([
      { type: 'parts.reservation-fulfilled.v1', data: expect.objectContaining({ receiptId: 'GRN-1' }) },
    ]);
  });

  it('consumes what the repair used at price when billable, releasing the unused units', () => {
    const reserved = settle(opened(), [pump], now).state;
    const { state, events } = consume(reserved, [{ sku: 'PUMP', name: 'Drain pump', quantity: 1 }], now);
    expect(state.status).toBe('consumed');
    expect(events[0].data).toMatchObject({
      used: [{ sku: 'PUMP', quantity: 1, basis: 'price', amount: 40 }],
      released: [{ sku: 'PUMP', quantity: 1 }],
      partsValue: { basis: 'price', currency: 'GBP', total: 40 },
    });
  });

  it('records a covered repair’s parts at cost', () => {
    const reserved = settle(opened('covered'), [pump], now).state;
    const { events } = consume(reserved, [{ sku: 'PUMP', name: 'Drain pump', quantity: 2 }], now);
    expect(events[0].data).toMatchObject({ released: [], partsValue: { basis: 'cost', total: 40 } });
  });

  it('releases everything on cancellation, and refuses to close twice', () => {
    const reserved = settle(opened(), [pump], now).state;
    const { state, events } = release(reserved, 'cancelled', now);
    expect(events[0].data).toMatchObject({ released: [{ sku: 'PUMP', quantity: 2 }] });
    expect(() => release(state, 'again', now)).toThrow('parts reservation RT-1 is released');
  });
});
