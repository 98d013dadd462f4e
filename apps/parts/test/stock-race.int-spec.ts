import { ReceiveStock, ReserveParts } from '@appliance-care/parts';
import { Correlation } from '@appliance-care/platform';
import { RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { seedFile, stockOf, ticketOpened, uid, waitForReservation } from './parts.fixtures';

/**
 * Twenty tickets want one of five units at the same moment: each take is a conditional update of
 * the one stock row in the real store, so exactly five get one, the rest are put on order, and the
 * row never goes below zero — and arriving stock raced by more tickets still never over-fills.
 */
describe('parts: concurrent reservations against one stock row', () => {
  let svc: RunningService;
  const region = uid('race').toLowerCase();
  const depot = `depot:${region}`;

  beforeAll(async () => {
    const env = isolateTestEnv('parts-race');
    const seed = seedFile([{ location: depot, sku: 'WM-DP-30W', quantity: 5 }]);
    svc = await startTestService('parts', (c) => AppModule.register(c, { seedFile: seed }), env);
  });
  afterAll(() => svc?.close());

  const reserveAll = (ticketIds: string[]) => {
    const reserving = svc.app.get(ReserveParts);
    return Promise.all(
      ticketIds.map((ticketId) =>
        Correlation.runJob(() => reserving.onTicketOpened(ticketOpened(ticketId, [['WM-DP-30W', 1]], { region }).data)),
      ),
    );
  };

  it('lets exactly five of twenty simultaneous reservations have the five units, never below zero', async () => {
    const tickets = Array.from({ length: 20 }, () => uid('RT-RACE'));
    const outcomes = await reserveAll(tickets);
    const statuses = outcomes.map((r) => r?.status);
    expect(statuses.filter((s) => s === 'reserved')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waiting')).toHaveLength(15);
    expect(await stockOf(svc, depot, 'WM-DP-30W')).toEqual({ available: 0, reserved: 5 });

    // the same twenty again (a redelivery of every event, all at once): nothing changes
    const again = await reserveAll(tickets);
    expect(again.map((r) => r?.status)).toEqual(statuses);
    expect(await stockOf(svc, depot, 'WM-DP-30W')).toEqual({ available: 0, reserved: 5 });

    // three units arrive while ten more tickets race for them: the waiting ones, oldest first, get
    // what there is, and stock stays at or above zero whoever wins
    const receiving = svc.app.get(ReceiveStock);
    const receipt = { receiptId: uid('GRN'), location: depot, lines: [{ sku: 'WM-DP-30W', quantity: 3 }] };
    const [received] = await Promise.all([
      Correlation.runJob(() => receiving.receive(receipt)),
      reserveAll(Array.from({ length: 10 }, () => uid('RT-LATE'))),
    ]);
    const stock = (await stockOf(svc, depot, 'WM-DP-30W'))!;
    expect(stock.available).toBeGreaterThanOrEqual(0);
    expect(stock.available + stock.reserved).toBe(8);
    const waitingOldest = tickets.filter((_, i) => statuses[i] === 'waiting');
    for (const ticketId of received.filled) expect(waitingOldest).toContain(ticketId);
    for (const ticketId of received.filled) await waitForReservation(svc, ticketId, (r) => r.status === 'reserved');
  });
});
