import { Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { dayAhead, installationRequested, technicianBody } from './dispatch-fixtures';

/** Issue 17 item 4: a dispatcher places orders by hand and reassigns waiting ones. */
describe('dispatchers in control, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const forSource = (sourceId: string) => (e: { data: unknown }) =>
    (e.data as { sourceId: string }).sourceId === sourceId;
  const day = dayAhead(10);

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-control');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher', {}, 'D-ADA');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function register(id: string, over: Record<string, unknown> = {}) {
    const res = await http('POST', `${svc.url}/api/v1/technicians`, {
      token: dispatcher,
      body: technicianBody(id, over),
    });
    expect(res.status).toBe(201);
  }

  /** An installation request whose work order ends as the event named (assigned or unassignable). */
  async function workOrderFor(installationId: string, outcome: string, over: Record<string, unknown> = {}) {
    await probe.publish(physicalTopic(Topics.salesInstallation), installationRequested(installationId, over));
    const [event] = await probe.waitForEvents(outcome, 1, 30_000, forSource(installationId));
    return (event.data as { workOrderId: string }).workOrderId;
  }

  const place = (workOrderId: string, body: Record<string, unknown>) =>
    http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/assign`, { token: dispatcher, body });

  it('places an unassignable order by hand: an override of a failed check needs a reason, recorded and published', async () => {
    await register('T-NWP-1', { homeRegion: 'newport' });
    const workOrderId = await workOrderFor('INST-CDF-1', 'work-order.unassignable.v1', { region: 'cardiff' });
    const start = `${day}T09:00:00.000Z`;

    const refused = await place(workOrderId, { technicianId: 'T-NWP-1', start });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'overrideReason' })]);
    expect(refused.body.detail).toContain('fails region');

    const placed = await place(workOrderId, { technicianId: 'T-NWP-1', start, overrideReason: 'covers Cardiff today' });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({
      status: 'assigned',
      technicianId: 'T-NWP-1',
      window: { from: start, to: `${day}T10:00:00.000Z` },
      override: { failedChecks: ['region'], reason: 'covers Cardiff today', by: 'D-ADA' },
    });
    expect(placed.body.history.at(-1)).toMatchObject({ action: 'placed', technicianId: 'T-NWP-1' });
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('INST-CDF-1'));
    expect(assigned.data).toMatchObject({ technicianId: 'T-NWP-1', window: { from: start } });
    const [overridden] = await probe.waitForEvents(
      'work-order.qualification-overridden.v1',
      1,
      30_000,
      forSource('INST-CDF-1'),
    );
    expect(overridden.data).toMatchObject({
      workOrderId,
      technicianId: 'T-NWP-1',
      failedChecks: ['region'],
      overrideReason: 'covers Cardiff today',
      overriddenBy: 'D-ADA',
    });
    expect(overridden.correlationid).toBe(assigned.correlationid);
  });

  it('keeps one booking per slot: of two placements racing for it one wins, the other is 409', async () => {
    await register('T-NWP-2', { homeRegion: 'newport' });
    const first = await workOrderFor('INST-CDF-2', 'work-order.unassignable.v1', { region: 'cardiff' });
    const second = await workOrderFor('INST-CDF-3', 'work-order.unassignable.v1', { region: 'cardiff' });
    const body = { technicianId: 'T-NWP-2', start: `${day}T13:00:00.000Z`, overrideReason: 'nearest free hands' };
    const answers = await Promise.all([place(first, body), place(second, body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('slot-taken');
    // within the travel buffer of the booking (13:00–14:00 + 30 min) is taken as well
    const loser = answers[0].status === 409 ? first : second;
    expect((await place(loser, { ...body, start: `${day}T14:15:00.000Z` })).status).toBe(409);
    expect((await place(loser, { ...body, start: `${day}T14:30:00.000Z` })).status).toBe(200);
    const calendar = await http('GET', `${svc.url}/api/v1/technicians/T-NWP-2/work-orders?from=${day}&to=${day}`, {
      token: dispatcher,
    });
    expect(calendar.body.workOrders.map((order: { window: { from: string } }) => order.window.from).sort()).toEqual([
      `${day}T13:00:00.000Z`,
      `${day}T14:30:00.000Z`,
    ]);
    expect((await place('WO-nope', body)).status).toBe(404);
    expect((await place(first, { ...body, technicianId: 'T-NOBODY' })).status).toBe(404);
    expect((await place(first, { technicianId: 'T-NWP-2' })).status).toBe(400);
  });

  it('reassigns a waiting order too: moving one order away frees the slot another was waiting for', async () => {
    await register('T-SWA-1', { homeRegion: 'swansea' });
    await register('T-SWA-NEXT', { homeRegion: 'llanelli' });
    const window = { from: `${day}T08:00:00Z`, to: `${day}T10:00:00Z` };
    const booked = await workOrderFor('INST-SWA-1', 'work-order.assigned.v1', {
      region: 'swansea',
      preferredWindow: window,
    });
    // the only technician is busy (with travel) until 09:30, so a second 60-minute visit before 10:00 cannot fit
    const waiting = await workOrderFor('INST-SWA-2', 'work-order.unassignable.v1', {
      region: 'swansea',
      preferredWindow: window,
    });
    const stillNobody = await http('POST', `${svc.url}/api/v1/work-orders/${waiting}/reassign`, { token: dispatcher });
    expect(stillNobody.status).toBe(422);

    const moved = await place(booked, {
      technicianId: 'T-SWA-NEXT',
      start: `${day}T08:00:00.000Z`,
      overrideReason: 'neighbouring region has time',
    });
    expect(moved.status).toBe(200);
    await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('INST-SWA-1'));

    const reassigned = await http('POST', `${svc.url}/api/v1/work-orders/${waiting}/reassign`, { token: dispatcher });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ status: 'assigned', technicianId: 'T-SWA-1' });
    const assigned = await waitFor(() => probe.events('work-order.assigned.v1').find(forSource('INST-SWA-2')), {
      what: 'the waiting order assigned',
    });
    expect(assigned.data).toMatchObject({ technicianId: 'T-SWA-1', window: { from: `${day}T08:00:00.000Z` } });
    expect(probe.events('work-order.released.v1').filter(forSource('INST-SWA-2'))).toEqual([]);
  });

  const patch = (technicianId: string, body: Record<string, unknown>) =>
    http('PATCH', `${svc.url}/api/v1/technicians/${technicianId}`, { token: dispatcher, body });

  it('moves bookings off a technician whose time off now covers them, to the next qualified one', async () => {
    await register('T-DBY-A', { homeRegion: 'derby' });
    await register('T-DBY-B', { homeRegion: 'derby' });
    const workOrderId = await workOrderFor('INST-DBY-1', 'work-order.assigned.v1', { region: 'derby' });
    const [first] = probe.events('work-order.assigned.v1').filter(forSource('INST-DBY-1'));
    expect(first.data).toMatchObject({ technicianId: 'T-DBY-A' });

    const timeOff = [{ from: `${day}T00:00:00Z`, to: `${dayAhead(11)}T00:00:00Z`, reason: 'sick' }];
    expect((await patch('T-DBY-A', { timeOff })).status).toBe(200);
    // the old technician is told (work-order.released.v1, reassigned), the new one and the customer by the new booking
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('INST-DBY-1'));
    expect(released.data).toMatchObject({ technicianId: 'T-DBY-A', reason: 'reassigned' });
    const rebooked = await waitFor(
      () => probe.events('work-order.assigned.v1').find((e) => forSource('INST-DBY-1')(e) && e.id !== first.id),
      { what: 'the order rebooked' },
    );
    expect(rebooked.data).toMatchObject({ technicianId: 'T-DBY-B', previousTechnicianId: 'T-DBY-A' });
    const view = await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher });
    expect(view.body).toMatchObject({ status: 'assigned', technicianId: 'T-DBY-B', declinedBy: [] });
    const calendar = await http('GET', `${svc.url}/api/v1/technicians/T-DBY-A/work-orders?from=${day}&to=${day}`, {
      token: dispatcher,
    });
    expect(calendar.body.workOrders).toEqual([]);
  });

  it('releases the bookings of a deactivated technician; with nobody else they wait as unassignable', async () => {
    await register('T-HUL-1', { homeRegion: 'hull' });
    const workOrderId = await workOrderFor('INST-HUL-1', 'work-order.assigned.v1', { region: 'hull' });
    expect((await patch('T-HUL-1', { active: false })).status).toBe(200);

    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('INST-HUL-1'));
    expect(released.data).toMatchObject({ technicianId: 'T-HUL-1', reason: 'reassigned' });
    const [waiting] = await probe.waitForEvents('work-order.unassignable.v1', 1, 30_000, forSource('INST-HUL-1'));
    expect(waiting.data).toMatchObject({ reason: expect.stringContaining('hull') });
    const view = await waitFor(
      async () => {
        const res = await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher });
        return res.body.status === 'unassignable' ? res.body : undefined;
      },
      { what: 'the order waiting' },
    );
    expect(view.technicianId).toBeUndefined();
    expect(view.history).toContainEqual(expect.objectContaining({ action: 'released', technicianId: 'T-HUL-1' }));
  });
});
