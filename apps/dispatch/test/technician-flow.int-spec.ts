import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { installationChanged, installationRequested, repairTicketOpened, technicianBody } from './dispatch-fixtures';

/** Issue 17: the technician's accept, decline and en route on installations and diagnostic visits. */
describe('the technician flow on work orders, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const tokens: Record<string, string> = {};
  const forSource = (sourceId: string) => (e: EventEnvelope) => (e.data as { sourceId: string }).sourceId === sourceId;

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-tech-flow');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
    tokens['admin'] = await tokenFor('admin');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function register(id: string, region: string, over: Record<string, unknown> = {}) {
    const body = technicianBody(id, { homeRegion: region, ...over });
    expect((await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body })).status).toBe(201);
    tokens[id] = await tokenFor('technician', { technicianId: id });
  }

  /** The installation's work order, booked: its id and technician. */
  async function booked(installationId: string, region: string) {
    await probe.publish(physicalTopic(Topics.salesInstallation), installationRequested(installationId, { region }));
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource(installationId));
    return assigned.data as { workOrderId: string; technicianId: string; window: { from: string; to: string } };
  }

  const step = (workOrderId: string, action: string, token: string, body?: unknown) =>
    http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/${action}`, { token, body });

  it('lets the holder accept and go en route (published), started later by the installation', async () => {
    await register('T-TRU-1', 'truro');
    await register('T-TRU-2', 'truro');
    const { workOrderId, technicianId, window } = await booked('INST-TF-1', 'truro');
    const other = technicianId === 'T-TRU-1' ? 'T-TRU-2' : 'T-TRU-1';

    expect((await step(workOrderId, 'accept', tokens[other], {})).status).toBe(404);
    expect((await step(workOrderId, 'accept', dispatcher, {})).status).toBe(403);
    const accepted = await step(workOrderId, 'accept', tokens[technicianId]);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', technicianId, window });
    const again = await step(workOrderId, 'accept', tokens[technicianId], {});
    expect(again.status).toBe(409);
    expect(again.body.currentState).toBe('accepted');
    const [acceptedEvent] = await probe.waitForEvents('work-order.accepted.v1', 1, 30_000, forSource('INST-TF-1'));
    expect(acceptedEvent.data).toMatchObject({ workOrderId, technicianId, window, acceptedAt: expect.any(String) });

    const bad = await step(workOrderId, 'en-route', tokens[technicianId], { eta: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('eta');
    const eta = window.from;
    const enRoute = await step(workOrderId, 'en-route', tokens[technicianId], { eta });
    expect(enRoute.status).toBe(200);
    expect(enRoute.body.status).toBe('en-route');
    const [onTheWay] = await probe.waitForEvents('work-order.en-route.v1', 1, 30_000, forSource('INST-TF-1'));
    expect(onTheWay.data).toMatchObject({ workOrderId, technicianId, technicianName: `Tech ${technicianId}`, eta });
    expect(onTheWay.correlationid).toBe(acceptedEvent.correlationid);

    // sales-installation's start still moves it (from en route now)
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationChanged('installation.started.v1', 'INST-TF-1', {
        technicianId,
        startedAt: new Date().toISOString(),
      }),
    );
    await waitFor(
      async () =>
        (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body.status ===
        'in-progress',
      { what: 'the installation started' },
    );
    expect((await step(workOrderId, 'en-route', tokens['admin'], { eta })).status).toBe(409);
  });

  it('books the next qualified technician when the holder declines, in one write with the decline', async () => {
    await register('T-PZ-1', 'penzance');
    await register('T-PZ-2', 'penzance');
    const { workOrderId, technicianId, window } = await booked('INST-TF-2', 'penzance');
    expect((await step(workOrderId, 'decline', tokens[technicianId], {})).status).toBe(400);
    const declined = await step(workOrderId, 'decline', tokens[technicianId], { reason: 'van broke down' });
    expect(declined.status).toBe(200);
    const next = technicianId === 'T-PZ-1' ? 'T-PZ-2' : 'T-PZ-1';
    expect(declined.body).toMatchObject({ status: 'assigned', technicianId: next, declinedBy: [technicianId] });

    const [said] = await probe.waitForEvents('work-order.declined.v1', 1, 30_000, forSource('INST-TF-2'));
    expect(said.data).toMatchObject({ workOrderId, technicianId, window, reason: 'van broke down' });
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('INST-TF-2'));
    expect(released.data).toMatchObject({ technicianId, reason: 'declined' });
    const rebooked = await waitFor(
      () =>
        probe
          .events('work-order.assigned.v1')
          .find((e) => forSource('INST-TF-2')(e) && (e.data as { technicianId: string }).technicianId === next),
      { what: 'the order booked with the next technician' },
    );
    expect(rebooked.data).toMatchObject({ previousTechnicianId: technicianId });
    // the decliner holds it no longer
    expect((await step(workOrderId, 'decline', tokens[technicianId], { reason: 'again' })).status).toBe(404);
  });

  it('lets the order wait (unassignable, with its region) when nobody else can take it; an admin may act', async () => {
    await register('T-STI-1', 'st-ives');
    const { workOrderId, technicianId } = await booked('INST-TF-3', 'st-ives');
    const declined = await step(workOrderId, 'decline', tokens['admin'], { reason: 'customer asked for another day' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'unassignable', declinedBy: [technicianId] });
    const [waiting] = await probe.waitForEvents('work-order.unassignable.v1', 1, 30_000, forSource('INST-TF-3'));
    expect(waiting.data).toMatchObject({ workOrderId, region: 'st-ives', reason: expect.stringContaining('st-ives') });
  });

  it("sends a repair's steps to its ticket (409 naming the endpoint)", async () => {
    await register('T-FAL-1', 'falmouth', { skills: ['appliance-general'], licences: [] });
    await probe.publish(physicalTopic(Topics.repairs), repairTicketOpened('TKT-TF-1', { region: 'falmouth' }));
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('TKT-TF-1'));
    const { workOrderId } = assigned.data as { workOrderId: string };
    const refused = await step(workOrderId, 'accept', tokens['T-FAL-1'], {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ticket-carries-it', currentState: 'assigned' });
    expect(refused.body.detail).toContain('POST /api/v1/tickets/TKT-TF-1/accept');
  });

  it('moves an accepted order off a technician who is now away, as a booked one', async () => {
    await register('T-BUDE-1', 'bude');
    await register('T-BUDE-2', 'bude');
    const { workOrderId, technicianId, window } = await booked('INST-TF-5', 'bude');
    expect((await step(workOrderId, 'accept', tokens[technicianId], {})).status).toBe(200);
    const day = window.from.slice(0, 10);
    const timeOff = [{ from: `${day}T00:00:00Z`, to: `${day}T23:59:00Z`, reason: 'sick' }];
    const away = await http('PATCH', `${svc.url}/api/v1/technicians/${technicianId}`, {
      token: dispatcher,
      body: { timeOff },
    });
    expect(away.status).toBe(200);
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('INST-TF-5'));
    expect(released.data).toMatchObject({ technicianId, reason: 'reassigned' });
    const moved = await waitFor(
      async () => {
        const res = await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher });
        return res.body.technicianId !== technicianId ? res.body : undefined;
      },
      { what: 'the accepted order moved' },
    );
    // the new technician has not accepted it yet
    expect(moved).toMatchObject({
      status: 'assigned',
      technicianId: technicianId === 'T-BUDE-1' ? 'T-BUDE-2' : 'T-BUDE-1',
    });
  });
});
