import { RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  forTicket,
  partsReceived,
  seedFile,
  stockOf,
  ticketAccepted,
  ticketAwaitingParts,
  ticketCompleted,
  ticketOpened,
  topics,
  uid,
  waitForReservation,
} from './parts.fixtures';

describe("parts: a technician's mid-visit awaiting-parts reserves from their van or the depot, else orders; the shortage path is not handled twice", () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const region = uid('v').toLowerCase();
  const depot = `depot:${region}`;
  const tech = `T-${region}`;
  const van = `van:${tech}`;

  beforeAll(async () => {
    env = isolateTestEnv('parts-visit');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.parts()]);
    const seed = seedFile([
      { location: van, sku: 'WM-GSK-FRONT', quantity: 1 },
      { location: `van:${tech}-2`, sku: 'WM-HTR-2000', quantity: 1 },
      { location: depot, sku: 'WM-HTR-2000', quantity: 2 },
      { location: depot, sku: 'WM-SHK-ABS', quantity: 2 },
      { location: depot, sku: 'WM-DP-30W', quantity: 3 },
      { location: depot, sku: 'RF-DRIER', quantity: 0 },
    ]);
    svc = await startTestService('parts', (c) => AppModule.register(c, { seedFile: seed }), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('takes what the van has, orders what nobody has, once, and fulfils the ticket when the stock arrives', async () => {
    const ticketId = uid('RT-V');
    await probe.publish(topics.repairs(), ticketOpened(ticketId, [], { region }));
    const short = ticketAwaitingParts(ticketId, tech, [
      ['WM-GSK-FRONT', 1],
      ['RF-DRIER', 1],
    ]);
    await probe.publish(topics.repairs(), short);
    const [reserved] = await probe.waitForEvents('parts.reserved.v1', 1, 30_000, forTicket(ticketId));
    expect(reserved.data).toMatchObject({ complete: false, lines: [{ sku: 'WM-GSK-FRONT', location: van }] });
    const [requested] = await probe.waitForEvents('parts.requested.v1', 1, 30_000, forTicket(ticketId));
    expect(requested.data).toMatchObject({ lines: [{ sku: 'RF-DRIER', quantity: 1, location: depot }] });
    expect(await stockOf(svc, van, 'WM-GSK-FRONT')).toEqual({ available: 0, reserved: 1 });

    // a redelivery, then another ticket's awaiting-parts behind it (same appliance, same partition)
    await probe.publish(topics.repairs(), short);
    const marker = uid('RT-M');
    await probe.publish(topics.repairs(), ticketOpened(marker, [], { region }));
    await probe.publish(topics.repairs(), ticketAwaitingParts(marker, tech, [['WM-DP-30W', 1]]));
    // in stock at the depot: held and fulfilled at once, so the return visit is booked without waiting
    const [held] = await probe.waitForEvents('parts.reservation-fulfilled.v1', 1, 30_000, forTicket(marker));
    expect(held.data).toMatchObject({ lines: [{ sku: 'WM-DP-30W', location: depot }] });
    expect(probe.events('parts.requested.v1').filter(forTicket(ticketId))).toHaveLength(1);
    expect(probe.events('parts.reserved.v1').filter(forTicket(ticketId))).toHaveLength(1);

    await probe.publish(topics.warehouse(), partsReceived(depot, [['RF-DRIER', 1]]));
    const [done] = await probe.waitForEvents('parts.reservation-fulfilled.v1', 1, 30_000, forTicket(ticketId));
    expect(done.data).toMatchObject({ lines: [{ sku: 'WM-GSK-FRONT' }, { sku: 'RF-DRIER', location: depot }] });
    expect(await waitForReservation(svc, ticketId)).toMatchObject({ status: 'reserved' });
  });

  it("adds nothing for the awaiting-parts that the shortage path's own purchase request caused", async () => {
    const ticketId = uid('RT-S');
    await probe.publish(topics.repairs(), ticketOpened(ticketId, [['RF-DRIER', 2]], { region }));
    await probe.waitForEvents('parts.requested.v1', 1, 30_000, forTicket(ticketId));
    // repairs waits for those parts and tells dispatch that the booked technician would come without them
    await probe.publish(topics.repairs(), ticketAwaitingParts(ticketId, tech, [['RF-DRIER', 2]]));
    const marker = uid('RT-M');
    await probe.publish(topics.repairs(), ticketOpened(marker, [], { region }));
    await probe.publish(topics.repairs(), ticketAwaitingParts(marker, tech, [['WM-DP-30W', 1]]));
    await probe.waitForEvents('parts.reservation-fulfilled.v1', 1, 30_000, forTicket(marker));
    expect(probe.events('parts.requested.v1').filter(forTicket(ticketId))).toHaveLength(1);
    expect(await waitForReservation(svc, ticketId)).toMatchObject({
      status: 'waiting',
      lines: [{ sku: 'RF-DRIER', quantity: 2 }],
    });
  });

  it('moves a depot-held line to the van of the technician who accepted the job when it has the part, once', async () => {
    const ticketId = uid('RT-A');
    const later = `${tech}-2`;
    await probe.publish(
      topics.repairs(),
      ticketOpened(
        ticketId,
        [
          ['WM-HTR-2000', 1],
          ['WM-SHK-ABS', 1],
        ],
        { region },
      ),
    );
    await probe.waitForEvents('parts.reserved.v1', 1, 30_000, forTicket(ticketId));
    expect(await stockOf(svc, depot, 'WM-HTR-2000')).toEqual({ available: 1, reserved: 1 });

    const accepted = ticketAccepted(ticketId, later);
    await probe.publish(topics.repairs(), accepted);
    const [, moved] = await probe.waitForEvents('parts.reserved.v1', 2, 30_000, forTicket(ticketId));
    expect(moved.data).toMatchObject({ complete: true, lines: [{ sku: 'WM-HTR-2000', location: `van:${later}` }] });
    await probe.publish(topics.repairs(), accepted); // a redelivery
    await probe.publish(topics.repairs(), ticketCompleted(ticketId, [['WM-HTR-2000', 1]]));
    const [consumed] = await probe.waitForEvents('parts.consumed.v1', 1, 30_000, forTicket(ticketId));
    expect(consumed.data).toMatchObject({
      used: [{ sku: 'WM-HTR-2000', location: `van:${later}` }],
      released: [{ sku: 'WM-SHK-ABS', location: depot }],
    });
    expect(probe.events('parts.reserved.v1').filter(forTicket(ticketId))).toHaveLength(2);
    // the depot got its unit back, the van gave its one to the repair
    expect(await stockOf(svc, depot, 'WM-HTR-2000')).toEqual({ available: 2, reserved: 0 });
    expect(await stockOf(svc, `van:${later}`, 'WM-HTR-2000')).toEqual({ available: 0, reserved: 0 });
    expect(await stockOf(svc, depot, 'WM-SHK-ABS')).toEqual({ available: 2, reserved: 0 });
  });

  it('tells nothing when a ticket that never needed parts is completed', async () => {
    const ticketId = uid('RT-N');
    await probe.publish(topics.repairs(), ticketOpened(ticketId, [], { region }));
    await probe.publish(topics.repairs(), ticketCompleted(ticketId, []));
    await waitForReservation(svc, ticketId, (r) => r.status === 'consumed');
    expect(probe.events('parts.consumed.v1').filter(forTicket(ticketId))).toEqual([]);
  });
});
