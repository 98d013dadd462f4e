import { createEvent, EventEnvelope, Topics, WorkOrderAssigned } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { applianceIdFor, installationIdFor } from '@appliance-care/sales-installation';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { purchase, purchaseEvent } from './sales-fixtures';

describe('sales-installation: installation jobs, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let events: string;
  let dispatch: string;
  let dispatcher: string;

  beforeAll(async () => {
    env = isolateTestEnv('sales-installations');
    events = physicalTopic(Topics.salesInstallation);
    dispatch = physicalTopic(Topics.dispatch);
    svc = await startTestService('sales-installation', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([events]);
    dispatcher = await tokenFor('dispatcher');
  });

  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const of = (installationId: string, type: string) =>
    probe.events(type).filter((e) => (e.data as { installationId?: string }).installationId === installationId);
  const waitForEvent = (installationId: string, type: string, n = 1): Promise<EventEnvelope[]> =>
    waitFor(() => (of(installationId, type).length >= n ? of(installationId, type) : undefined), {
      timeoutMs: 60_000,
      what: `${n} × ${type} for ${installationId}`,
    });
  const api = (path: string) => `${svc.url}/api/v1/installations/${path}`;

  /** Stands in for dispatch: what it publishes once it booked a technician. */
  async function assign(
    request: EventEnvelope,
    technicianId: string,
    workOrderId: string,
    from = '2026-02-03T08:00:00Z',
    to = '2026-02-03T10:00:00Z',
  ): Promise<void> {
    const r = request.data as { installationId: string; applianceId: string; customerId: string };
    const data: WorkOrderAssigned = {
      workOrderId,
      kind: 'installation',
      sourceId: r.installationId,
      applianceId: r.applianceId,
      customerId: r.customerId,
      technicianId,
      technicianName: `Technician ${technicianId}`,
      window: { from, to },
      reason: 'best match',
    };
    await probe.publish(
      dispatch,
      createEvent({
        type: 'work-order.assigned.v1',
        source: '/test/dispatch',
        subject: r.applianceId,
        data,
        correlationid: request.correlationid,
        causationid: request.id,
      }),
    );
  }

  async function purchased(
    tag: string,
  ): Promise<{ installationId: string; request: EventEnvelope; customerId: string }> {
    const order = purchase(tag);
    await probe.publish(physicalTopic(Topics.purchases), purchaseEvent(order));
    const installationId = installationIdFor(applianceIdFor(order.items[1].serialNumber)); // the gas hob
    const [request] = await waitForEvent(installationId, 'installation.requested.v1');
    return { installationId, request, customerId: order.customer.id };
  }

  it('runs an installation from request to completion with a simulated dispatch assignment', async () => {
    const { installationId, request, customerId } = await purchased('full');
    const tech = await tokenFor('technician', { technicianId: 'T-GAS-1' });
    const otherTech = await tokenFor('technician', { technicianId: 'T-GAS-2' });
    expect((await http('GET', api(installationId), { token: dispatcher })).body).toMatchObject({
      status: 'requested',
      attempt: 1,
      requiredSkill: 'gas-safe',
    });
    // not assigned to this technician (yet): a job they cannot see, answered as absent without its state
    const tooSoon = await http('POST', api(`${installationId}/start`), { token: tech });
    expect(tooSoon.status).toBe(404);
    expect(tooSoon.body.currentState).toBeUndefined();
    const tooSoonByStaff = await http('POST', api(`${installationId}/start`), { token: dispatcher });
    expect(tooSoonByStaff.status).toBe(409);
    expect(tooSoonByStaff.body).toMatchObject({ currentState: 'requested', code: 'invalid-transition' });

    await assign(request, 'T-GAS-1', 'WO-1');
    await assign(request, 'T-GAS-1', 'WO-1'); // dispatch said it twice (a new event id each time)
    const [scheduled] = await waitForEvent(installationId, 'installation.scheduled.v1');
    expect(scheduled.data).toMatchObject({
      installationId,
      workOrderId: 'WO-1',
      technicianId: 'T-GAS-1',
      technicianName: 'Technician T-GAS-1',
      window: { from: '2026-02-03T08:00:00Z' },
      attempt: 1,
    });
    expect(scheduled.correlationid).toBe(request.correlationid);

    const seen = await http('GET', api(installationId), { token: tech });
    expect(seen.body).toMatchObject({ status: 'scheduled', technicianId: 'T-GAS-1', workOrderId: 'WO-1' });
    const checklist: { item: string }[] = seen.body.checklist;
    expect(checklist.map((c) => c.item)).toContain('gas-tightness-test');
    expect((await http('GET', api(installationId), { token: otherTech })).status).toBe(404);
    expect((await http('GET', api(installationId), { token: await tokenFor('customer', { customerId }) })).status).toBe(
      200,
    );
    const list = await http('GET', `${svc.url}/api/v1/installations?technicianId=T-GAS-1`, { token: tech });
    expect(list.body.items.map((i: { installationId: string }) => i.installationId)).toEqual([installationId]);
    expect(
      (await http('GET', `${svc.url}/api/v1/installations?technicianId=T-GAS-1`, { token: otherTech })).status,
    ).toBe(403);

    expect((await http('POST', api(`${installationId}/start`), { token: otherTech })).status).toBe(404);
    const early = await http('POST', api(`${installationId}/complete`), {
      token: tech,
      body: { checklist: checklist.map((c) => ({ item: c.item, done: true })), customerTrained: true },
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'scheduled' });
    const startCall = await http('POST', api(`${installationId}/start`), { token: tech });
    expect(startCall.body).toMatchObject({ status: 'in-progress' });
    const [started] = await waitForEvent(installationId, 'installation.started.v1');
    // caused by the REST call: its causation is the request's id (SPEC §4)
    expect(startCall.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(started).toMatchObject({
      causationid: startCall.headers.get('x-request-id'),
      correlationid: startCall.headers.get('x-correlation-id'),
    });

    const untrained = await http('POST', api(`${installationId}/complete`), {
      token: tech,
      body: { checklist: checklist.map((c) => ({ item: c.item, done: true })) },
    });
    expect(untrained.status).toBe(422);
    expect(untrained.body.detail).toMatch(/customer must be trained/);
    const partial = await http('POST', api(`${installationId}/complete`), {
      token: tech,
      body: { checklist: [{ item: checklist[0].item, done: true }], customerTrained: true },
    });
    expect(partial.status).toBe(422);
    expect(partial.body.detail).toMatch(new RegExp(`not answered: ${checklist[1].item}`));
    expect(partial.body.missingItems).toEqual(checklist.slice(1).map((c) => c.item));
    expect(
      (
        await http('POST', api(`${installationId}/complete`), {
          token: tech,
          body: { checklist: 'all done', customerTrained: true },
        })
      ).status,
    ).toBe(400);

    const answers = checklist.map((c, i) => ({ item: c.item, done: i !== 2 }));
    const done = await http('POST', api(`${installationId}/complete`), {
      token: tech,
      body: { checklist: answers, customerTrained: true, notes: 'hob fitted' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', customerTrained: true, checklistAnswers: answers });
    const [completed] = await waitForEvent(installationId, 'installation.completed.v1');
    expect(completed.causationid).toBe(done.headers.get('x-request-id'));
    expect(completed.data).toMatchObject({
      installationId,
      technicianId: 'T-GAS-1',
      checklist: answers,
      customerTrained: true,
      notes: 'hob fitted',
    });

    const again = await http('POST', api(`${installationId}/complete`), {
      token: tech,
      body: { checklist: answers, customerTrained: true },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'completed' });
    expect(of(installationId, 'installation.completed.v1')).toHaveLength(1);
    expect(of(installationId, 'installation.scheduled.v1')).toHaveLength(1);
  });

  it('waits visibly when unassignable, and asks again on reschedule and failure with the next attempt', async () => {
    const { installationId, request } = await purchased('retry');
    const r = request.data as { applianceId: string; customerId: string };
    await probe.publish(
      dispatch,
      createEvent({
        type: 'work-order.unassignable.v1',
        source: '/test/dispatch',
        subject: r.applianceId,
        data: {
          workOrderId: 'WO-X',
          kind: 'installation',
          sourceId: installationId,
          applianceId: r.applianceId,
          customerId: r.customerId,
          reason: 'no gas-safe technician free in london this week',
        },
      }),
    );
    const waiting = await waitFor(
      async () => {
        const res = await http('GET', api(installationId), { token: dispatcher });
        return res.body.status === 'awaiting-technician' && res.body;
      },
      { what: 'the job waiting for a technician' },
    );
    expect(waiting.waitingReason).toBe('no gas-safe technician free in london this week');

    const tech = await tokenFor('technician', { technicianId: 'T-GAS-3' });
    expect(
      (await http('POST', api(`${installationId}/reschedule`), { token: tech, body: { reason: 'x' } })).status,
    ).toBe(404);
    const window = { from: '2026-02-10T08:00:00Z', to: '2026-02-10T12:00:00Z' };
    const moved = await http('POST', api(`${installationId}/reschedule`), {
      token: dispatcher,
      body: { reason: 'customer asked for next week', preferredWindow: window },
    });
    expect(moved.body).toMatchObject({ status: 'requested', attempt: 2, preferredWindow: window });
    const [rescheduled] = await waitForEvent(installationId, 'installation.rescheduled.v1');
    expect(rescheduled.causationid).toBe(moved.headers.get('x-request-id'));
    expect(rescheduled.data).toMatchObject({ reason: 'customer asked for next week', preferredWindow: window });
    const second = (await waitForEvent(installationId, 'installation.requested.v1', 2))[1];
    expect(second.data).toMatchObject({
      attempt: 2,
      priority: 'high',
      preferredWindow: window,
      requiredSkill: 'gas-safe',
    });

    await assign(second, 'T-GAS-3', 'WO-2', window.from, '2026-02-10T10:00:00Z');
    await waitForEvent(installationId, 'installation.scheduled.v1');
    expect((await http('POST', api(`${installationId}/fail`), { token: tech, body: { reason: '' } })).status).toBe(400);
    const failed = await http('POST', api(`${installationId}/fail`), {
      token: tech,
      body: { reason: 'gas supply not capped off' },
    });
    expect(failed.body).toMatchObject({ status: 'requested', attempt: 3 });
    expect(failed.body.visits).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'rescheduled' }),
      expect.objectContaining({ attempt: 2, outcome: 'failed', technicianId: 'T-GAS-3', workOrderId: 'WO-2' }),
    ]);
    const [failure] = await waitForEvent(installationId, 'installation.failed.v1');
    expect(failure.causationid).toBe(failed.headers.get('x-request-id'));
    expect(failure.data).toMatchObject({
      technicianId: 'T-GAS-3',
      workOrderId: 'WO-2',
      reason: 'gas supply not capped off',
    });
    const third = (await waitForEvent(installationId, 'installation.requested.v1', 3))[2];
    expect(third.data).toMatchObject({ attempt: 3, reason: 'previous visit failed: gas supply not capped off' });
    // the failed visit released the technician: the job is no longer theirs to see or act on
    expect((await http('POST', api(`${installationId}/start`), { token: tech })).status).toBe(404);
    const startAgain = await http('POST', api(`${installationId}/start`), { token: dispatcher });
    expect(startAgain.status).toBe(409);
    expect(startAgain.body.currentState).toBe('requested');

    // per appliance, consumers see the story in order
    const story = probe
      .on(events)
      .filter((m) => m.key === r.applianceId)
      .map((m) => m.event?.type);
    expect(story).toEqual([
      'appliance.registered.v1',
      'installation.requested.v1',
      'installation.rescheduled.v1',
      'installation.requested.v1',
      'installation.scheduled.v1',
      'installation.failed.v1',
      'installation.requested.v1',
    ]);
  });

  it('gave every event it produced a correlationid and a causationid (SPEC §4)', () => {
    expect(Object.keys(probe.producedTypes('/appliance-care/sales-installation'))).toEqual(
      expect.arrayContaining([
        'installation.requested.v1',
        'installation.scheduled.v1',
        'installation.started.v1',
        'installation.completed.v1',
        'installation.failed.v1',
        'installation.rescheduled.v1',
      ]),
    );
    expect(probe.withoutCorrelationOrCause('/appliance-care/sales-installation')).toEqual([]);
  });
});
