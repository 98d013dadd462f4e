import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { installationRequested, repairTicketChanged, repairTicketOpened, technicianBody } from './dispatch-fixtures';

/** Issue 17: a repair that waits for parts ends its visit; when they arrive the return visit is booked. */
describe('return visit after parts, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const repairs = () => physicalTopic(Topics.repairs);
  const ofOrder = (workOrderId: string) => (e: EventEnvelope) =>
    (e.data as { workOrderId: string }).workOrderId === workOrderId;
  const pump = [{ sku: 'PUMP-1', name: 'Drain pump', quantity: 1 }];

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-return');
    // every decision reads the calendars afresh: what a test checks is the store, not this instance's copy
    svc = await startTestService('dispatch', (config) => AppModule.register(config, { calendarCacheMs: 0 }), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function register(id: string, region: string) {
    const body = technicianBody(id, { homeRegion: region, skills: ['appliance-general'], licences: [] });
    expect((await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body })).status).toBe(201);
  }

  const workOrder = (id: string) => http('GET', `${svc.url}/api/v1/work-orders/${id}`, { token: dispatcher });
  const until = (id: string, status: string) =>
    waitFor(
      async () => {
        const res = await workOrder(id);
        return res.body?.status === status ? res.body : undefined;
      },
      { what: `work order ${id} ${status}` },
    );

  /** A repair booked, started and then waiting for parts (at `endedAt`, default now): its first work order. */
  async function waitingForParts(ticketId: string, region: string, endedAt?: (from: number) => number) {
    await probe.publish(repairs(), repairTicketOpened(ticketId, { region }));
    const [assigned] = await probe.waitForEvents(
      'work-order.assigned.v1',
      1,
      30_000,
      ofOrder(`WO-repair-${ticketId}-1`),
    );
    const { technicianId, window } = assigned.data as { technicianId: string; window: { from: string } };
    await probe.publish(repairs(), repairTicketChanged('repair.started.v1', ticketId, { technicianId }));
    await until(`WO-repair-${ticketId}-1`, 'in-progress');
    const expectedAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await probe.publish(
      repairs(),
      repairTicketChanged('repair.awaiting-parts.v1', ticketId, {
        technicianId,
        parts: pump,
        expectedAt,
        slaPaused: true,
        ...(endedAt ? { at: new Date(endedAt(Date.parse(window.from))).toISOString() } : {}),
      }),
    );
    const first = await until(`WO-repair-${ticketId}-1`, 'awaiting-parts');
    return { first, technicianId, window, expectedAt };
  }

  const partsArrived = (ticketId: string, region: string, previousTechnicianId: string) =>
    repairTicketChanged('repair.parts-arrived.v1', ticketId, {
      arrivedVia: 'warehouse',
      parts: pump,
      previousTechnicianId,
      requiredSkill: 'appliance-general',
      region,
      priority: 'high',
      durationMinutes: 90,
      slaDueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      slaResumed: true,
    });

  it('ends the visit for parts (on the board, its slot free again), then books the return visit with the same technician once', async () => {
    await register('T-RV-1', 'york');
    await register('T-RV-2', 'york');
    const { first, technicianId, window, expectedAt } = await waitingForParts('TKT-RV-1', 'york');
    expect(first.reason).toBe(`awaiting parts (1× Drain pump), expected ${expectedAt}`);
    expect(first.history.at(-1)).toMatchObject({ action: 'awaiting-parts', technicianId });
    const board = await http('GET', `${svc.url}/api/v1/board`, { token: dispatcher });
    expect(board.body.awaitingParts).toEqual([
      expect.objectContaining({ workOrderId: 'WO-repair-TKT-RV-1-1', reason: first.reason }),
    ]);

    const arrived = partsArrived('TKT-RV-1', 'york', technicianId);
    await probe.publish(repairs(), arrived);
    const [returnVisit] = await probe.waitForEvents(
      'work-order.assigned.v1',
      1,
      30_000,
      ofOrder('WO-repair-TKT-RV-1-2'),
    );
    // the visit that found the parts missing gave back what it had not used: the return visit may take it
    expect(returnVisit.data).toMatchObject({
      kind: 'repair',
      sourceId: 'TKT-RV-1',
      technicianId,
      window: { from: window.from },
      reason: expect.stringContaining(`${technicianId} (who ordered the parts) first: earliest slot`),
      summary: expect.stringContaining('return visit with the parts: 1× Drain pump'),
    });
    const closed = await until('WO-repair-TKT-RV-1-1', 'done');
    expect(closed.history.at(-1).reason).toBe('parts arrived: the return visit is work order WO-repair-TKT-RV-1-2');

    // redelivered, and sent again as a new event: nothing twice (one booking for the return visit,
    // no third visit); the start after them on the same partition is handled after them
    await probe.publish(repairs(), { ...arrived });
    await probe.publish(repairs(), partsArrived('TKT-RV-1', 'york', technicianId));
    await probe.publish(repairs(), repairTicketChanged('repair.started.v1', 'TKT-RV-1', { technicianId }));
    await until('WO-repair-TKT-RV-1-2', 'in-progress');
    const ids = new Set(
      probe
        .events('work-order.assigned.v1')
        .filter(ofOrder('WO-repair-TKT-RV-1-2'))
        .map((e) => e.id),
    );
    expect(ids.size).toBe(1);
    expect((await workOrder('WO-repair-TKT-RV-1-3')).status).toBe(404);
    const after = await http('GET', `${svc.url}/api/v1/board`, { token: dispatcher });
    expect(after.body.awaitingParts).toEqual([]);
  });

  it('books the next qualified technician when the one who ordered the parts cannot come, and says why', async () => {
    await register('T-RV-3', 'selby');
    await register('T-RV-ELSEWHERE', 'hull');
    const { technicianId } = await waitingForParts('TKT-RV-2', 'selby');
    expect(technicianId).toBe('T-RV-3');
    await probe.publish(repairs(), partsArrived('TKT-RV-2', 'selby', 'T-RV-ELSEWHERE'));
    const [returnVisit] = await probe.waitForEvents(
      'work-order.assigned.v1',
      1,
      30_000,
      ofOrder('WO-repair-TKT-RV-2-2'),
    );
    expect(returnVisit.data).toMatchObject({
      technicianId: 'T-RV-3',
      reason: expect.stringMatching(
        /^T-RV-ELSEWHERE \(who ordered the parts\): no technician covers region selby; earliest slot/,
      ),
    });
  });

  it('keeps what a visit used (and the travel after it) and frees the rest of its slot', async () => {
    await register('T-RV-5', 'ripon');
    const minutes = (n: number) => n * 60_000;
    const { first, technicianId, window } = await waitingForParts('TKT-RV-3', 'ripon', (from) => from + minutes(30));
    const from = Date.parse(window.from);
    expect(first.window).toEqual({ from: window.from, to: new Date(from + minutes(30)).toISOString() });
    // an order nobody could take, placed by hand in what the visit gave back (the calendar is never overridden)
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-RV-P', { region: 'nowhere', requiredSkill: 'appliance-general' }),
    );
    const [waiting] = await probe.waitForEvents(
      'work-order.unassignable.v1',
      1,
      30_000,
      (e) => (e.data as { sourceId: string }).sourceId === 'INST-RV-P',
    );
    const place = (start: number) =>
      http('POST', `${svc.url}/api/v1/work-orders/${(waiting.data as { workOrderId: string }).workOrderId}/assign`, {
        token: dispatcher,
        body: { technicianId, start: new Date(start).toISOString(), overrideReason: 'test: the freed time' },
      });
    // 30 minutes used, then 30 of travel: taken until from + 60 (the slot ran to from + 90, travel to + 120)
    expect((await place(from + minutes(45))).status).toBe(409);
    expect((await place(from + minutes(60))).status).toBe(200);
  });

  it('closes a visit waiting for parts when the repair is cancelled, and restarts it when resumed on the spot', async () => {
    await register('T-RV-6', 'thirsk');
    await waitingForParts('TKT-RV-4', 'thirsk');
    await probe.publish(
      repairs(),
      repairTicketChanged('repair.cancelled.v1', 'TKT-RV-4', {
        reason: 'customer bought a new one',
        cancelledBy: 'customer',
      }),
    );
    await until('WO-repair-TKT-RV-4-1', 'cancelled');

    const { technicianId } = await waitingForParts('TKT-RV-5', 'thirsk');
    // the parts were in the van after all: repairs lets the technician carry on without a return visit
    await probe.publish(repairs(), repairTicketChanged('repair.started.v1', 'TKT-RV-5', { technicianId }));
    await until('WO-repair-TKT-RV-5-1', 'in-progress');
  });
});
