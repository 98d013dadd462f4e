import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { dayAhead, installationRequested, technicianBody } from './dispatch-fixtures';

/** Issue 17: urgent work with no free slot takes a booked, not started, non-urgent order's slot. */
describe('urgent bump, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const forSource = (sourceId: string) => (e: EventEnvelope) => (e.data as { sourceId: string }).sourceId === sourceId;
  const day = dayAhead(10);
  const nextDay = dayAhead(11);
  // two working hours a day: one 60-minute visit with its 30 minutes of travel fits, a second does not
  const short = { start: '08:00', end: '10:00' };
  const twoHours = { mon: short, tue: short, wed: short, thu: short, fri: short, sat: short, sun: short };
  const urgentWindow = { from: `${day}T08:00:00Z`, to: `${day}T10:00:00Z` };

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-bump');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function register(id: string, region: string) {
    const body = technicianBody(id, { homeRegion: region, workingHours: twoHours });
    expect((await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body })).status).toBe(201);
  }

  const request = (installationId: string, over: Record<string, unknown>) =>
    probe.publish(physicalTopic(Topics.salesInstallation), installationRequested(installationId, over));
  const first = async (type: string, sourceId: string) =>
    (await probe.waitForEvents(type, 1, 30_000, forSource(sourceId)))[0];
  const distinct = (type: string, sourceId: string) =>
    new Set(
      probe
        .events(type)
        .filter(forSource(sourceId))
        .map((e) => e.id),
    ).size;
  const calendar = (technicianId: string, from: string, to: string) =>
    http('GET', `${svc.url}/api/v1/technicians/${technicianId}/work-orders?from=${from}&to=${to}`, {
      token: dispatcher,
    });

  it('takes the normal order’s slot; the bumped order is told and booked again, once', async () => {
    await register('T-BATH-1', 'bath');
    const normalWindow = { from: `${day}T08:00:00Z`, to: `${nextDay}T10:00:00Z` };
    await request('INST-UB-N', { region: 'bath', preferredWindow: normalWindow });
    const normal = await first('work-order.assigned.v1', 'INST-UB-N');
    expect(normal.data).toMatchObject({ technicianId: 'T-BATH-1', window: { from: `${day}T08:00:00.000Z` } });

    const urgentRequest = installationRequested('INST-UB-U', {
      region: 'bath',
      priority: 'urgent',
      preferredWindow: urgentWindow,
    });
    await probe.publish(physicalTopic(Topics.salesInstallation), urgentRequest);
    const urgent = await first('work-order.assigned.v1', 'INST-UB-U');
    expect(urgent.data).toMatchObject({
      technicianId: 'T-BATH-1',
      window: { from: `${day}T08:00:00.000Z`, to: `${day}T09:00:00.000Z` },
      reason: expect.stringContaining('urgent: took the slot of normal work order WO-installation-INST-UB-N-1'),
    });
    const bumped = await first('work-order.bumped.v1', 'INST-UB-N');
    expect(bumped.data).toMatchObject({
      workOrderId: 'WO-installation-INST-UB-N-1',
      technicianId: 'T-BATH-1',
      window: (normal.data as { window: unknown }).window,
      bumpedByWorkOrderId: 'WO-installation-INST-UB-U-1',
    });
    const released = await first('work-order.released.v1', 'INST-UB-N');
    expect(released.data).toMatchObject({ technicianId: 'T-BATH-1', reason: 'reassigned' });
    const rebooked = await waitFor(
      () => probe.events('work-order.assigned.v1').find((e) => forSource('INST-UB-N')(e) && e.id !== normal.id),
      { what: 'the bumped order booked again' },
    );
    expect(rebooked.data).toMatchObject({
      technicianId: 'T-BATH-1',
      previousTechnicianId: 'T-BATH-1',
      window: { from: `${nextDay}T08:00:00.000Z` },
    });

    // one booking per slot: the urgent one today, the bumped one the next day
    const booked = await calendar('T-BATH-1', day, nextDay);
    expect(booked.body.workOrders.map((o: { workOrderId: string; window: { from: string } }) => o.window.from)).toEqual(
      [`${day}T08:00:00.000Z`, `${nextDay}T08:00:00.000Z`],
    );

    // redelivered, and sent again as a new event: nobody is bumped twice (a marker on the same
    // partition, the same appliance's, is handled after them)
    await probe.publish(physicalTopic(Topics.salesInstallation), { ...urgentRequest });
    await request('INST-UB-U', { region: 'bath', priority: 'urgent', preferredWindow: urgentWindow });
    await request('INST-UB-MARK', { region: 'bath', preferredWindow: urgentWindow, applianceId: 'A-INST-UB-U' });
    await first('work-order.unassignable.v1', 'INST-UB-MARK');
    expect(distinct('work-order.assigned.v1', 'INST-UB-U')).toBe(1);
    expect(distinct('work-order.bumped.v1', 'INST-UB-N')).toBe(1);
    expect(distinct('work-order.assigned.v1', 'INST-UB-N')).toBe(2);
  });

  it('lets the bumped order wait (unassignable, on the board) when it fits nowhere else', async () => {
    await register('T-WELLS-1', 'wells');
    await request('INST-UB-N2', {
      region: 'wells',
      preferredWindow: { from: `${day}T08:00:00Z`, to: `${day}T17:00:00Z` },
    });
    await first('work-order.assigned.v1', 'INST-UB-N2');
    await request('INST-UB-U2', { region: 'wells', priority: 'urgent', preferredWindow: urgentWindow });
    const urgent = await first('work-order.assigned.v1', 'INST-UB-U2');
    expect(urgent.data).toMatchObject({ technicianId: 'T-WELLS-1' });
    await first('work-order.bumped.v1', 'INST-UB-N2');
    const waiting = await first('work-order.unassignable.v1', 'INST-UB-N2');
    expect(waiting.data).toMatchObject({ region: 'wells', reason: expect.stringContaining('fully booked') });
    const board = await http('GET', `${svc.url}/api/v1/board`, { token: dispatcher });
    expect(board.body.unassigned.map((o: { sourceId: string }) => o.sourceId)).toContain('INST-UB-N2');
  });

  it('never takes an accepted order’s slot: the urgent one waits', async () => {
    await register('T-FROME-1', 'frome');
    await request('INST-UB-N3', { region: 'frome', preferredWindow: urgentWindow });
    const normal = await first('work-order.assigned.v1', 'INST-UB-N3');
    const { workOrderId } = normal.data as { workOrderId: string };
    const technician = await tokenFor('technician', { technicianId: 'T-FROME-1' });
    const accepted = await http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/accept`, { token: technician });
    expect(accepted.status).toBe(200);
    await request('INST-UB-U3', { region: 'frome', priority: 'urgent', preferredWindow: urgentWindow });
    const waiting = await first('work-order.unassignable.v1', 'INST-UB-U3');
    expect(waiting.data).toMatchObject({ reason: expect.stringContaining('fully booked') });
    expect(distinct('work-order.bumped.v1', 'INST-UB-N3')).toBe(0);
  });
});
