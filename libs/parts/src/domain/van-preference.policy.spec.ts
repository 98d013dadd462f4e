import { ReservationLine, ReservationState } from './reservation';
import { movedToVan, vanMoves } from './van-preference.policy';

const line = (sku: string, location: string, state: ReservationLine['state'] = 'reserved'): ReservationLine => ({
  sku,
  name: sku,
  quantity: 1,
  location,
  unitPrice: 40,
  unitCost: 20,
  currency: 'GBP',
  state,
});
const reservation = (lines: ReservationLine[], status: ReservationState['status'] = 'reserved'): ReservationState => ({
  ticketId: 'RT-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  region: 'leeds',
  coverage: 'billable',
  status,
  lines,
  waitingFor: [],
  openedAt: '2027-02-01T10:00:00.000Z',
  leadTimeDays: 2,
  version: 1,
});
const at = new Date('2027-02-01T11:00:00Z');

describe('van preference (the technician who took the job)', () => {
  it('moves depot-held lines only: van lines stay, waiting lines wait, a closed reservation moves nothing', () => {
    const state = reservation(
      [line('A', 'depot:leeds'), line('B', 'van:T-1'), line('C', 'depot:leeds', 'waiting')],
      'waiting',
    );
    expect(vanMoves(state, 'T-2')).toEqual([
      { sku: 'A', from: 'depot:leeds', to: 'van:T-2', reason: 'T-2 took the job: their van, not depot:leeds' },
    ]);
    expect(vanMoves({ ...state, status: 'consumed' }, 'T-2')).toEqual([]);
  });

  it('rewrites the moved lines and tells them; nothing to tell when nothing moved (a redelivery)', () => {
    const state = reservation([line('A', 'depot:leeds'), line('B', 'depot:leeds')]);
    const change = movedToVan(state, [{ sku: 'A', from: 'depot:leeds', to: 'van:T-2', reason: '' }], at);
    expect(change.state.lines.map((l) => l.location)).toEqual(['van:T-2', 'depot:leeds']);
    expect(change.events[0]).toMatchObject({
      type: 'parts.reserved.v1',
      data: { complete: true, lines: [{ sku: 'A' }] },
    });
    expect(movedToVan(change.state, [{ sku: 'A', from: 'depot:leeds', to: 'van:T-2', reason: '' }], at).events).toEqual(
      [],
    );
  });
});
