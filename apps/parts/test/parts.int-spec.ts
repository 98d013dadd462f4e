import { dlqTopic } from '@appliance-care/contracts';
import { Catalogue, StockQueries } from '@appliance-care/parts';
import { http, RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  dispatcher,
  forTicket,
  partsReceived,
  seedFile,
  stockOf,
  ticketCancelled,
  ticketCompleted,
  ticketOpened,
  topics,
  uid,
  waitForReservation,
} from './parts.fixtures';

describe('parts: reservations from vans and depots, purchase requests, receipts and consumption through Kafka and FerretDB', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let catalogue: Catalogue;
  const region = uid('r').toLowerCase();
  const depot = `depot:${region}`;
  const van = `van:T-${region}`;

  beforeAll(async () => {
    env = isolateTestEnv('parts');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.parts(), dlqTopic(topics.repairs()), dlqTopic(topics.warehouse())]);
    const seed = seedFile([
      { location: van, sku: 'WM-DP-30W', quantity: 1 },
      { location: depot, sku: 'WM-DP-30W', quantity: 6 },
      { location: depot, sku: 'WM-GSK-FRONT', quantity: 2 },
      { location: depot, sku: 'RF-DRIER', quantity: 0 },
    ]);
    svc = await startTestService('parts', (c) => AppModule.register(c, { seedFile: seed }), env);
    catalogue = svc.app.get(Catalogue);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('reserves a ticket’s parts from the diagnosing technician’s van first, then the depot, at catalogue prices; a redelivery reserves nothing twice', async () => {
    const ticketId = uid('RT');
    const opened = ticketOpened(
      ticketId,
      [
        ['WM-DP-30W', 1],
        ['WM-GSK-FRONT', 1],
      ],
      { region, diagnosedBy: `T-${region}` },
    );
    await probe.publish(topics.repairs(), opened);
    const [reserved] = await probe.waitForEvents('parts.reserved.v1', 1, 30_000, forTicket(ticketId));
    const pump = catalogue.find('WM-DP-30W')!;
    expect(reserved.data).toMatchObject({
      ticketId,
      complete: true,
      lines: [
        {
          sku: 'WM-DP-30W',
          quantity: 1,
          location: van,
          unitPrice: pump.unitPrice,
          unitCost: pump.unitCost,
          currency: 'GBP',
        },
        { sku: 'WM-GSK-FRONT', quantity: 1, location: depot },
      ],
    });
    expect(await stockOf(svc, van, 'WM-DP-30W')).toEqual({ available: 0, reserved: 1 });
    expect(await stockOf(svc, depot, 'WM-GSK-FRONT')).toEqual({ available: 1, reserved: 1 });

    // the same event again, then another ticket of the same appliance (same partition: handled after it)
    await probe.publish(topics.repairs(), opened);
    const next = uid('RT');
    await probe.publish(topics.repairs(), ticketOpened(next, [['WM-GSK-FRONT', 1]], { region }));
    await probe.waitForEvents('parts.reserved.v1', 1, 30_000, forTicket(next));
    expect(probe.events('parts.reserved.v1').filter(forTicket(ticketId))).toHaveLength(1);
    expect(await stockOf(svc, van, 'WM-DP-30W')).toEqual({ available: 0, reserved: 1 });
    expect(await stockOf(svc, depot, 'WM-GSK-FRONT')).toEqual({ available: 0, reserved: 2 });
  });

  it('requests what nobody stocks and fills the waiting tickets oldest first as stock arrives (REST and warehouse event), without overtaking', async () => {
    const [older, newer] = [uid('RT-OLD'), uid('RT-NEW')];
    await probe.publish(topics.repairs(), ticketOpened(older, [['RF-DRIER', 2]], { region }));
    await probe.waitForEvents('parts.requested.v1', 1, 30_000, forTicket(older));
    await probe.publish(topics.repairs(), ticketOpened(newer, [['RF-DRIER', 1]], { region }));
    const [requested] = await probe.waitForEvents('parts.requested.v1', 1, 30_000, forTicket(newer));
    expect(requested.data).toMatchObject({
      lines: [{ sku: 'RF-DRIER', quantity: 1, location: depot }],
      expectedAt: expect.any(String),
    });
    expect(probe.events('parts.reserved.v1').filter(forTicket(newer))).toEqual([]);

    // one unit: the older ticket needs two, and the newer one may not overtake it
    const receipt = { receiptId: uid('GRN'), location: depot, lines: [{ sku: 'RF-DRIER', quantity: 1 }] };
    const first = await http('POST', `${svc.url}/api/v1/stock/receipts`, { token: await dispatcher(), body: receipt });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ counted: true, filled: [] });
    const again = await http('POST', `${svc.url}/api/v1/stock/receipts`, { token: await dispatcher(), body: receipt });
    expect(again.body).toMatchObject({ counted: false, filled: [] });
    expect(await stockOf(svc, depot, 'RF-DRIER')).toEqual({ available: 1, reserved: 0 });

    // two more from the warehouse: three in all, the older ticket first, then the newer one
    await probe.publish(topics.warehouse(), partsReceived(depot, [['RF-DRIER', 2]]));
    const [olderDone] = await probe.waitForEvents('parts.reservation-fulfilled.v1', 1, 30_000, forTicket(older));
    const [newerDone] = await probe.waitForEvents('parts.reservation-fulfilled.v1', 1, 30_000, forTicket(newer));
    const at = (e: { data: unknown }) => Date.parse((e.data as { fulfilledAt: string }).fulfilledAt);
    expect(at(olderDone)).toBeLessThanOrEqual(at(newerDone));
    expect(olderDone.data).toMatchObject({ lines: [{ sku: 'RF-DRIER', quantity: 2, location: depot }] });
    expect(await stockOf(svc, depot, 'RF-DRIER')).toEqual({ available: 0, reserved: 3 });
    expect(await waitForReservation(svc, older)).toMatchObject({ status: 'reserved' });
  });

  it('consumes what the completed repair used (at price when billable, at cost when covered), gives the rest back, and releases a cancelled ticket’s parts', async () => {
    const pump = catalogue.find('WM-DP-30W')!;
    const [billable, covered, cancelled] = [uid('RT-B'), uid('RT-C'), uid('RT-X')];
    const before = (await stockOf(svc, depot, 'WM-DP-30W'))!;
    await probe.publish(topics.repairs(), ticketOpened(billable, [['WM-DP-30W', 2]], { region }));
    const coverage = { status: 'covered' as const, reason: 'in warranty' };
    await probe.publish(topics.repairs(), ticketOpened(covered, [['WM-DP-30W', 1]], { region, coverage }));
    await probe.publish(topics.repairs(), ticketOpened(cancelled, [['WM-DP-30W', 2]], { region }));
    await probe.waitForEvents('parts.reserved.v1', 1, 30_000, forTicket(cancelled));
    expect(await stockOf(svc, depot, 'WM-DP-30W')).toEqual({
      available: before.available - 5,
      reserved: before.reserved + 5,
    });

    await probe.publish(topics.repairs(), ticketCompleted(billable, [['WM-DP-30W', 1]]));
    await probe.publish(topics.repairs(), ticketCompleted(covered, [['WM-DP-30W', 1]]));
    await probe.publish(topics.repairs(), ticketCancelled(cancelled));
    const [paid] = await probe.waitForEvents('parts.consumed.v1', 1, 30_000, forTicket(billable));
    expect(paid.data).toMatchObject({
      used: [{ sku: 'WM-DP-30W', quantity: 1, basis: 'price', amount: pump.unitPrice }],
      released: [{ sku: 'WM-DP-30W', quantity: 1 }],
      partsValue: { basis: 'price', currency: 'GBP', total: pump.unitPrice },
    });
    const [claimed] = await probe.waitForEvents('parts.consumed.v1', 1, 30_000, forTicket(covered));
    expect(claimed.data).toMatchObject({ released: [], partsValue: { basis: 'cost', total: pump.unitCost } });
    const [released] = await probe.waitForEvents('parts.released.v1', 1, 30_000, forTicket(cancelled));
    expect(released.data).toMatchObject({ released: [{ sku: 'WM-DP-30W', quantity: 2 }] });
    // two used, three back on the shelf, nothing held
    await waitFor(
      async () => {
        const now = await stockOf(svc, depot, 'WM-DP-30W');
        return now?.available === before.available - 2 && now.reserved === before.reserved ? now : undefined;
      },
      { what: 'the unused units back in stock' },
    );
    // a redelivered completion consumes nothing twice
    await probe.publish(topics.repairs(), ticketCompleted(billable, [['WM-DP-30W', 1]]));
    await probe.publish(topics.repairs(), ticketCancelled(cancelled));
    const marker = uid('RT-M');
    await probe.publish(
      topics.repairs(),
      ticketOpened(marker, [['WM-GSK-FRONT', 1]], { region: uid('other').toLowerCase() }),
    );
    await probe.waitForEvents('parts.requested.v1', 1, 30_000, forTicket(marker));
    expect(probe.events('parts.consumed.v1').filter(forTicket(billable))).toHaveLength(1);
    expect(await stockOf(svc, depot, 'WM-DP-30W')).toEqual({
      available: before.available - 2,
      reserved: before.reserved,
    });
  });

  it('seeds each stock row once: a restart keeps what was reserved and received', async () => {
    const seeded = await svc.app.get(StockQueries).seed();
    expect(seeded).toBe(0);
    expect((await stockOf(svc, van, 'WM-DP-30W'))?.available).toBe(0);
  });
});
