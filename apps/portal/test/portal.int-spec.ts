import { createEvent, EventData, EventType, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, uniqueSuffix, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';

describe('portal read model against the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const run = uniqueSuffix();
  const applianceId = `APP-${run}`;
  const customerId = `C-${run}`;
  const warranty = { status: 'in-warranty' as const, endsAt: '2028-01-10T00:00:00Z' };
  let clock = Date.parse('2026-01-10T09:00:00Z');

  const publish = async <T extends EventType>(topic: string, type: T, data: EventData<T>) => {
    const event = createEvent({
      type,
      source: '/test',
      data,
      time: new Date((clock += 60_000)).toISOString(),
      subject: applianceId,
    });
    await probe.publish(physicalTopic(topic), event);
    return event;
  };
  const timeline = async (token: string, id = applianceId) =>
    http('GET', `${svc.url}/api/v1/appliances/${id}/timeline`, { token });

  beforeAll(async () => {
    env = isolateTestEnv('portal');
    svc = await startTestService('portal', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe.close();
    await svc.close();
  });

  it("builds the timeline and the status from every service's events, once per event id, owner-only", async () => {
    const inst = { installationId: `I-${run}`, applianceId, customerId };
    await publish(Topics.salesInstallation, 'appliance.registered.v1', {
      applianceId,
      serialNumber: `SN-${run}`,
      sku: 'OV-1',
      category: 'oven',
      brand: 'Acme',
      customerId,
      orderId: `O-${run}`,
      purchasedAt: '2026-01-10T09:00:00Z',
      warrantyMonths: 24,
      warrantyEndsAt: warranty.endsAt,
      installationRequired: true,
    });
    await publish(Topics.dispatch, 'work-order.assigned.v1', {
      workOrderId: `W-${run}`,
      kind: 'installation',
      sourceId: inst.installationId,
      applianceId,
      customerId,
      technicianId: 'T-1',
      technicianName: 'Ann Fitter',
      window: { from: '2026-01-12T09:00:00Z', to: '2026-01-12T11:00:00Z' },
      reason: 'nearest qualified',
    });
    await publish(Topics.salesInstallation, 'installation.scheduled.v1', {
      ...inst,
      workOrderId: `W-${run}`,
      technicianId: 'T-1',
      technicianName: 'Ann Fitter',
      window: { from: '2026-01-12T09:00:00Z', to: '2026-01-12T11:00:00Z' },
      attempt: 1,
    });
    const completed = await publish(Topics.salesInstallation, 'installation.completed.v1', {
      ...inst,
      technicianId: 'T-1',
      completedAt: '2026-01-12T10:30:00Z',
      checklist: [{ item: 'level', done: true }],
      customerTrained: true,
    });
    await publish(Topics.notifications, 'notification.sent.v1', {
      notificationId: `N-${run}`,
      recipientId: customerId,
      recipientKind: 'customer',
      channel: 'email',
      template: 'installation-completed',
      sourceEventId: completed.id,
      sourceEventType: completed.type,
      applianceId,
      sentAt: '2026-01-12T10:31:00Z',
    });
    // a redelivery of the same event (same id) must not add an entry
    await probe.publish(physicalTopic(Topics.salesInstallation), completed);

    const owner = await tokenFor('customer', { customerId });
    const res = await waitFor(
      async () => {
        const r = await timeline(owner);
        return r.status === 200 && r.body.entries.length === 5 ? r : undefined;
      },
      { timeoutMs: 60_000, what: 'five timeline entries' },
    );
    expect(res.body).toMatchObject({
      applianceId,
      customerId,
      status: 'installed',
      appliance: { serialNumber: `SN-${run}`, brand: 'Acme' },
    });
    expect(res.body.entries.map((e: { type: string }) => e.type)).toEqual([
      'appliance.registered',
      'work-order.assigned',
      'installation.scheduled',
      'installation.completed',
      'notification.sent',
    ]);
    expect(res.body.entries[0]).toMatchObject({
      who: { kind: 'customer', id: customerId },
      summary: expect.stringContaining(`SN-${run}`),
    });
    expect(res.body.entries[3]).toMatchObject({
      id: completed.id,
      time: completed.time,
      who: { kind: 'technician', id: 'T-1' },
    });

    // a problem fixed by guidance moves the status on, whichever topic the events came from
    const caseRef = { caseId: `K-${run}`, applianceId, customerId };
    // written together by diagnostics: the clock may stamp the second a millisecond before the first
    const reported = createEvent({
      type: 'problem.reported.v1',
      source: '/test',
      subject: applianceId,
      time: '2026-02-01T09:00:00.005Z',
      data: {
        ...caseRef,
        category: 'oven',
        source: 'customer',
        symptoms: 'door will not close',
        reportedAt: '2026-02-01T09:00:00Z',
        warranty,
      },
    });
    const guidance = createEvent({
      type: 'diagnosis.guidance-sent.v1',
      source: '/test',
      subject: applianceId,
      time: '2026-02-01T09:00:00.004Z',
      data: { ...caseRef, fault: { component: 'door', description: 'hinge' }, steps: ['tighten the hinge'] },
    });
    await probe.publish(physicalTopic(Topics.diagnostics), reported);
    await probe.publish(physicalTopic(Topics.diagnostics), guidance);
    const list = await waitFor(
      async () => {
        const r = await http('GET', `${svc.url}/api/v1/customers/${customerId}/appliances`, { token: owner });
        return r.status === 200 && r.body.items[0]?.status === 'awaiting-customer' ? r : undefined;
      },
      { timeoutMs: 60_000, what: 'status awaiting-customer' },
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({
        applianceId,
        customerId,
        status: 'awaiting-customer',
        appliance: expect.objectContaining({ category: 'oven' }),
      }),
    ]);

    // others' data: another customer gets 404 (it is not theirs to know of), technicians are not portal users, staff see all
    const stranger = await tokenFor('customer', { customerId: `other-${run}` });
    expect((await timeline(stranger)).status).toBe(404);
    expect(
      (await http('GET', `${svc.url}/api/v1/customers/${customerId}/appliances`, { token: stranger })).status,
    ).toBe(404);
    expect((await timeline(await tokenFor('technician', { technicianId: 'T-1' }))).status).toBe(403);
    const all = (await timeline(dispatcher)).body;
    expect(all.entries.map((e: { type: string }) => e.type).slice(-2)).toEqual([
      'problem.reported',
      'diagnosis.guidance-sent',
    ]);
    expect(all.entries[5]).not.toHaveProperty('position');
    expect((await timeline(dispatcher, `missing-${run}`)).status).toBe(404);
    expect((await timeline(dispatcher, 'bad id!')).status).toBe(400);
  });
});
