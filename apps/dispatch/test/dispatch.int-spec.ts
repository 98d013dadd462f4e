import { Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  dayAhead,
  installationRequested,
  repairTicketChanged,
  repairTicketOpened,
  technicianBody,
} from './dispatch-fixtures';

describe('dispatch against the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const dispatchTopic = () => physicalTopic(Topics.dispatch);
  const forSource = (sourceId: string) => (e: { data: unknown }) =>
    (e.data as { sourceId: string }).sourceId === sourceId;
  /** the relay publishes at least once: count each event id once */
  const distinct = async (type: string, count: number, sourceId: string) =>
    waitFor(
      () => {
        const seen = new Map(
          probe
            .events(type)
            .filter(forSource(sourceId))
            .map((e) => [e.id, e]),
        );
        return seen.size >= count ? [...seen.values()] : undefined;
      },
      { what: `${count} distinct ${type} for ${sourceId}` },
    );

  async function register(id: string, over: Record<string, unknown> = {}) {
    const res = await http('POST', `${svc.url}/api/v1/technicians`, {
      token: dispatcher,
      body: technicianBody(id, over),
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    env = isolateTestEnv('dispatch');
    svc = await startTestService('dispatch', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([dispatchTopic()]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe.close();
    await svc.close();
  });

  it('registers technicians once per Idempotency-Key, validates, and emits what notifications needs', async () => {
    const body = technicianBody('T-IDEM', { technicianId: undefined, homeRegion: 'york' });
    delete (body as Record<string, unknown>)['technicianId'];
    const headers = { 'idempotency-key': 'reg-1' };
    const first = await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body, headers });
    const again = await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.technicianId).toBe(first.body.technicianId);
    expect(first.body.regions).toEqual(['york']);

    const bad = await http('POST', `${svc.url}/api/v1/technicians`, {
      token: dispatcher,
      body: { ...body, licences: [{ skill: 'gas-safe', validUntil: 'soon' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('licences.0.validUntil');
    expect(
      (
        await http('POST', `${svc.url}/api/v1/technicians`, {
          token: await tokenFor('technician', { technicianId: 'x' }),
          body,
        })
      ).status,
    ).toBe(403);

    const [registered] = await probe.waitForEvents(
      'technician.registered.v1',
      1,
      30_000,
      (e) => (e.data as { technicianId: string }).technicianId === first.body.technicianId,
    );
    expect(registered.data).toMatchObject({
      name: 'Tech T-IDEM',
      email: 't-idem@example.org',
      phone: '+441632960000',
      locale: 'en-GB',
      homeRegion: 'york',
    });
    const ids = probe
      .events('technician.registered.v1')
      .filter((e) => (e.data as { technicianId: string }).technicianId === first.body.technicianId)
      .map((e) => e.id);
    expect(new Set(ids).size).toBe(1);
    // caused by the REST call: its causation is the request's id (SPEC §4)
    expect(registered).toMatchObject({
      causationid: first.headers.get('x-request-id'),
      correlationid: first.headers.get('x-correlation-id'),
    });
  });

  it('books an installation with a qualified technician and shows it to that technician only', async () => {
    await register('T-LON-EXPIRED', { licences: [{ skill: 'gas-safe', validUntil: dayAhead(1) }] });
    await register('T-LON-OK');
    const request = installationRequested('INST-1');
    await probe.publish(physicalTopic(Topics.salesInstallation), request);

    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('INST-1'));
    const day = dayAhead(10);
    expect(assigned.data).toMatchObject({
      kind: 'installation',
      sourceId: 'INST-1',
      applianceId: 'A-INST-1',
      customerId: 'C-INST-1',
      technicianId: 'T-LON-OK',
      technicianName: 'Tech T-LON-OK',
      window: { from: `${day}T08:00:00.000Z`, to: `${day}T09:00:00.000Z` },
      reason: `earliest slot ${day}T08:00Z, 0 jobs that day (1 of 2 qualified technicians free)`,
    });
    expect(assigned.correlationid).toBe(request.correlationid);
    const workOrderId = (assigned.data as { workOrderId: string }).workOrderId;

    // a redelivered request books nothing twice
    await probe.publish(physicalTopic(Topics.salesInstallation), { ...request });
    const mine = await http('GET', `${svc.url}/api/v1/technicians/T-LON-OK/work-orders?from=${day}&to=${day}`, {
      token: await tokenFor('technician', { technicianId: 'T-LON-OK' }),
    });
    expect(mine.status).toBe(200);
    expect(mine.body.workOrders.map((w: { workOrderId: string }) => w.workOrderId)).toEqual([workOrderId]);
    const other = await http('GET', `${svc.url}/api/v1/technicians/T-LON-OK/work-orders`, {
      token: await tokenFor('technician', { technicianId: 'T-LON-EXPIRED' }),
    });
    expect(other.status).toBe(404);
    const wo = await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher });
    expect(wo.body).toMatchObject({
      status: 'assigned',
      technicianId: 'T-LON-OK',
      reason: expect.stringContaining('earliest slot'),
    });
  });

  it('names why nobody can take an order, shows it on the board, and retries it when the roster changes', async () => {
    await register('T-BRS-EXPIRED', {
      homeRegion: 'bristol',
      licences: [{ skill: 'gas-safe', validUntil: '2020-01-01' }],
    });
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-2', { region: 'bristol', priority: 'urgent' }),
    );
    const [unassignable] = await probe.waitForEvents('work-order.unassignable.v1', 1, 30_000, forSource('INST-2'));
    expect(unassignable.data).toMatchObject({
      reason: 'no technician with a valid gas-safe licence in region bristol',
    });

    const board = await http('GET', `${svc.url}/api/v1/board?withinHours=${24 * 30}`, { token: dispatcher });
    expect(board.body.unassigned).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sourceId: 'INST-2',
          reason: 'no technician with a valid gas-safe licence in region bristol',
        }),
      ]),
    );
    expect(board.body.atRisk.map((w: { sourceId: string }) => w.sourceId)).toContain('INST-2');
    expect((await http('GET', `${svc.url}/api/v1/board?withinHours=x`, { token: dispatcher })).status).toBe(400);

    const renewed = await http('PATCH', `${svc.url}/api/v1/technicians/T-BRS-EXPIRED`, {
      token: dispatcher,
      body: { licences: [{ skill: 'gas-safe', validUntil: '2099-01-01' }] },
    });
    expect(renewed.status).toBe(200);
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('INST-2'));
    expect(assigned.data).toMatchObject({ technicianId: 'T-BRS-EXPIRED' });
    await probe.waitForEvents(
      'technician.updated.v1',
      1,
      30_000,
      (e) => (e.data as { technicianId: string }).technicianId === 'T-BRS-EXPIRED',
    );
  });

  it('gives a newly registered technician the urgent one of the waiting orders first', async () => {
    const day = dayAhead(12);
    const window = { from: `${day}T08:00:00Z`, to: `${day}T17:00:00Z` };
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-WAIT-NORMAL', { region: 'cardiff', preferredWindow: window }),
    );
    await probe.waitForEvents('work-order.unassignable.v1', 1, 30_000, forSource('INST-WAIT-NORMAL'));
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-WAIT-URGENT', { region: 'cardiff', preferredWindow: window, priority: 'urgent' }),
    );
    await probe.waitForEvents('work-order.unassignable.v1', 1, 30_000, forSource('INST-WAIT-URGENT'));

    // room for one job only
    const oneSlot = { start: '08:00', end: '09:00' };
    await register('T-CDF-1', {
      homeRegion: 'cardiff',
      workingHours: {
        mon: oneSlot,
        tue: oneSlot,
        wed: oneSlot,
        thu: oneSlot,
        fri: oneSlot,
        sat: oneSlot,
        sun: oneSlot,
      },
    });
    const [assigned] = await probe.waitForEvents(
      'work-order.assigned.v1',
      1,
      30_000,
      (e) => (e.data as { technicianId: string }).technicianId === 'T-CDF-1',
    );
    expect(assigned.data).toMatchObject({ sourceId: 'INST-WAIT-URGENT' });
    const fullyBooked = `all 1 qualified technicians in region cardiff are fully booked between ${day}T08:00Z and ${day}T17:00Z`;
    const normal = await waitFor(
      async () => {
        const r = await http('GET', `${svc.url}/api/v1/work-orders/WO-installation-INST-WAIT-NORMAL-1`, {
          token: dispatcher,
        });
        return r.body.reason === fullyBooked ? r.body : undefined;
      },
      { what: 'the normal order re-examined after the urgent one' },
    );
    expect(normal.status).toBe('unassignable');
  });

  it('respects time off set with PATCH', async () => {
    await register('T-GLA-1', { homeRegion: 'glasgow' });
    await register('T-GLA-2', { homeRegion: 'glasgow' });
    const day = dayAhead(10);
    await http('PATCH', `${svc.url}/api/v1/technicians/T-GLA-1`, {
      token: dispatcher,
      body: { timeOff: [{ from: `${day}T00:00:00Z`, to: `${dayAhead(11)}T00:00:00Z`, reason: 'leave' }] },
    });
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-3', { region: 'glasgow' }),
    );
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('INST-3'));
    expect(assigned.data).toMatchObject({ technicianId: 'T-GLA-2' });
  });

  it('reassigns via REST: released for the old technician, assigned to the new one', async () => {
    await register('T-MAN-1', { homeRegion: 'manchester' });
    await register('T-MAN-2', { homeRegion: 'manchester' });
    await register('T-MAN-3', { homeRegion: 'manchester' });
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-4', { region: 'manchester' }),
    );
    const [first] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('INST-4'));
    const { workOrderId, technicianId: before } = first.data as { workOrderId: string; technicianId: string };
    expect(before).toBe('T-MAN-1');

    const chosen = await http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/reassign`, {
      token: dispatcher,
      body: { technicianId: 'T-MAN-3', reason: 'customer asked' },
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ status: 'assigned', technicianId: 'T-MAN-3' });
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('INST-4'));
    expect(released.data).toMatchObject({
      technicianId: 'T-MAN-1',
      reason: 'reassigned',
      window: (first.data as { window: unknown }).window,
    });
    const assignedEvents = await distinct('work-order.assigned.v1', 2, 'INST-4');
    expect(assignedEvents[1].data).toMatchObject({ technicianId: 'T-MAN-3', previousTechnicianId: 'T-MAN-1' });
    // the override continues the installation's thread; its cause is the dispatcher's request
    for (const e of [released, assignedEvents[1]])
      expect(e).toMatchObject({ correlationid: first.correlationid, causationid: chosen.headers.get('x-request-id') });

    const next = await http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/reassign`, { token: dispatcher });
    expect(next.status).toBe(200);
    expect(next.body.technicianId).toBe('T-MAN-1');
    const same = await http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/reassign`, {
      token: dispatcher,
      body: { technicianId: 'T-MAN-1' },
    });
    expect(same.status).toBe(409);
    const calendar = await http(
      'GET',
      `${svc.url}/api/v1/technicians/T-MAN-3/work-orders?from=${dayAhead(10)}&to=${dayAhead(10)}`,
      { token: dispatcher },
    );
    expect(calendar.body.workOrders).toEqual([]);
    expect(
      (await http('POST', `${svc.url}/api/v1/work-orders/nope/reassign`, { token: dispatcher, body: {} })).status,
    ).toBe(404);
    expect(
      (
        await http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/reassign`, {
          token: dispatcher,
          body: { technician: 'x' },
        })
      ).status,
    ).toBe(400);
  });

  it('moves a declined repair to the next qualified technician, then releases it when cancelled', async () => {
    await register('T-LDS-1', { homeRegion: 'leeds', skills: ['appliance-general'], licences: [] });
    await register('T-LDS-2', { homeRegion: 'leeds', skills: ['appliance-general'], licences: [] });
    await probe.publish(physicalTopic(Topics.repairs), repairTicketOpened('TKT-1'));
    const [first] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('TKT-1'));
    const decliner = (first.data as { technicianId: string }).technicianId;
    const declined = repairTicketChanged('repair.declined.v1', 'TKT-1', {
      technicianId: decliner,
      reason: 'van broke down',
    });
    await probe.publish(physicalTopic(Topics.repairs), declined);
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('TKT-1'));
    expect(released.data).toMatchObject({ technicianId: decliner, reason: 'declined' });
    const assigned = await distinct('work-order.assigned.v1', 2, 'TKT-1');
    const next = (assigned[1].data as { technicianId: string }).technicianId;
    expect(next).not.toBe(decliner);
    expect(assigned[1].data).toMatchObject({ previousTechnicianId: decliner });

    await probe.publish(
      physicalTopic(Topics.repairs),
      repairTicketChanged('repair.cancelled.v1', 'TKT-1', { reason: 'customer fixed it', cancelledBy: 'customer' }),
    );
    const releases = await distinct('work-order.released.v1', 2, 'TKT-1');
    expect(releases[1].data).toMatchObject({ technicianId: next, reason: 'source-cancelled' });
    const wo = await waitFor(async () => {
      const r = await http(
        'GET',
        `${svc.url}/api/v1/work-orders/${(first.data as { workOrderId: string }).workOrderId}`,
        { token: dispatcher },
      );
      return r.body.status === 'cancelled' ? r.body : undefined;
    });
    expect(wo.declinedBy).toEqual([decliner]);
  });

  it('gave every event it produced a correlationid and a causationid (SPEC §4)', () => {
    expect(Object.keys(probe.producedTypes('/appliance-care/dispatch'))).toEqual(
      expect.arrayContaining([
        'technician.registered.v1',
        'technician.updated.v1',
        'work-order.assigned.v1',
        'work-order.unassignable.v1',
        'work-order.released.v1',
      ]),
    );
    expect(probe.withoutCorrelationOrCause('/appliance-care/dispatch')).toEqual([]);
  });
});
