import { createEvent, EventEnvelope, EventType, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { dayAhead, technicianBody } from './dispatch-fixtures';

const address = { line1: '1 Mill Lane', city: 'Ely', postalCode: 'CB7 4AA', country: 'GB', region: 'mnt-ely' };

/** Sales-installation's planned-maintenance event about appliance A-<id> of customer C-<id>. */
const maintenanceEvent = (type: EventType, id: string, data: Record<string, unknown>): EventEnvelope =>
  createEvent({
    type,
    source: '/appliance-care/sales-installation',
    subject: `A-${id}`,
    data: {
      applianceId: `A-${id}`,
      customerId: `C-${id}`,
      planId: 'boiler-annual-gas-safety',
      planName: 'Annual gas-safety service',
      ...data,
    } as never,
  });

const due = (id: string, attempt = 1) =>
  maintenanceEvent('maintenance.due.v1', id, {
    category: 'boiler',
    cycle: 1,
    attempt,
    dueAt: `${dayAhead(12)}T09:00:00.000Z`,
    requiredSkill: 'gas-safe',
    durationMinutes: 90,
    priority: 'normal',
    region: 'mnt-ely',
    address,
    preferredWindow: { from: `${dayAhead(5)}T00:00:00.000Z`, to: `${dayAhead(20)}T00:00:00.000Z` },
    checklist: ['flue-gas-analysis', 'gas-tightness-test'],
    requestedAt: new Date().toISOString(),
  });

/** Issue 20 item 1: a due maintenance visit becomes a work order of kind maintenance, booked as any other. */
describe('dispatch: planned maintenance visits, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const sales = () => physicalTopic(Topics.salesInstallation);
  const forSource = (sourceId: string) => (e: EventEnvelope) => (e.data as { sourceId: string }).sourceId === sourceId;

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-maintenance');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
    // in the region: a general technician (not qualified) and a gas-safe one
    for (const body of [
      technicianBody('T-MNT-GEN', { homeRegion: 'mnt-ely', skills: ['appliance-general'], licences: [] }),
      technicianBody('T-MNT-GAS', { homeRegion: 'mnt-ely' }),
    ])
      expect((await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body })).status).toBe(201);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const workOrder = async (id: string) =>
    (await http('GET', `${svc.url}/api/v1/work-orders/${id}`, { token: dispatcher })).body;
  const board = async () => (await http('GET', `${svc.url}/api/v1/board`, { token: dispatcher })).body;

  it('books a due visit with a qualified technician inside the window, once per request', async () => {
    const event = due('MNT-1');
    await probe.publish(sales(), event);
    await probe.publish(sales(), event); // a redelivery
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('A-MNT-1'));
    expect(assigned.data).toMatchObject({
      workOrderId: 'WO-maintenance-A-MNT-1-1',
      kind: 'maintenance',
      sourceId: 'A-MNT-1',
      customerId: 'C-MNT-1',
      technicianId: 'T-MNT-GAS',
      summary: 'Annual gas-safety service (boiler)',
    });
    const { window } = assigned.data as { window: { from: string; to: string } };
    expect(window.from >= `${dayAhead(5)}T00:00:00.000Z` && window.to <= `${dayAhead(20)}T00:00:00.000Z`).toBe(true);
    expect(Date.parse(window.to) - Date.parse(window.from)).toBe(90 * 60_000);
    expect(await workOrder('WO-maintenance-A-MNT-1-1')).toMatchObject({ kind: 'maintenance', status: 'assigned' });

    // the customer's appointment flows (slots, cancel) work for the new kind as for the others
    const customer = await tokenFor('customer', { customerId: 'C-MNT-1' }, 'cust-mnt-1');
    const slots = await http('GET', `${svc.url}/api/v1/work-orders/WO-maintenance-A-MNT-1-1/slots`, {
      token: customer,
    });
    expect(slots.status).toBe(200);
    const cancel = await http('POST', `${svc.url}/api/v1/work-orders/WO-maintenance-A-MNT-1-1/cancel`, {
      token: customer,
      body: { reason: 'away that week' },
    });
    expect(cancel.status).toBe(200);
    const [cancelled] = await probe.waitForEvents('work-order.cancelled.v1', 1, 30_000, forSource('A-MNT-1'));
    expect(cancelled.data).toMatchObject({ kind: 'maintenance', cancelledBy: 'customer' });

    // the schedule asks again (attempt 2): a new work order
    await probe.publish(sales(), due('MNT-1', 2));
    const again = await probe.waitForEvents('work-order.assigned.v1', 2, 30_000, forSource('A-MNT-1'));
    expect((again[1].data as { workOrderId: string }).workOrderId).toBe('WO-maintenance-A-MNT-1-2');
    expect(probe.events('work-order.assigned.v1').filter(forSource('A-MNT-1'))).toHaveLength(2);
  });

  it('shows an overdue appliance on the board with its work order, until its visit is completed (which closes the order)', async () => {
    await probe.publish(sales(), due('MNT-2'));
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('A-MNT-2'));
    const overdue = maintenanceEvent('maintenance.overdue.v1', 'MNT-2', {
      cycle: 1,
      dueAt: '2026-11-30T09:00:00.000Z',
      region: 'mnt-ely',
      overdueAt: new Date().toISOString(),
    });
    await probe.publish(sales(), overdue);
    await probe.publish(sales(), overdue);
    const listed = await waitFor(
      async () => {
        const rows = (await board()).maintenanceOverdue as { applianceId: string }[];
        const mine = rows.filter((row) => row.applianceId === 'A-MNT-2');
        return mine.length ? mine : undefined;
      },
      { what: 'the overdue appliance on the board' },
    );
    expect(listed).toEqual([
      {
        applianceId: 'A-MNT-2',
        customerId: 'C-MNT-2',
        planId: 'boiler-annual-gas-safety',
        planName: 'Annual gas-safety service',
        cycle: 1,
        dueAt: '2026-11-30T09:00:00.000Z',
        overdueAt: expect.any(String),
        region: 'mnt-ely',
        workOrderId: 'WO-maintenance-A-MNT-2-1',
        status: 'assigned',
        technicianId: 'T-MNT-GAS',
        window: (assigned.data as { window: unknown }).window,
      },
    ]);

    await probe.publish(
      sales(),
      maintenanceEvent('maintenance.completed.v1', 'MNT-2', {
        cycle: 1,
        workOrderId: 'WO-maintenance-A-MNT-2-1',
        technicianId: 'T-MNT-GAS',
        completedAt: new Date().toISOString(),
        checklist: [{ item: 'flue-gas-analysis', ok: true }],
        nextDueAt: '2027-12-01T10:00:00.000Z',
      }),
    );
    await waitFor(async () => ((await workOrder('WO-maintenance-A-MNT-2-1')).status === 'done' ? true : undefined), {
      what: 'the completed visit to close the work order',
    });
    const rows = (await board()).maintenanceOverdue as { applianceId: string }[];
    expect(rows.filter((row) => row.applianceId === 'A-MNT-2')).toEqual([]);
    // a late redelivery of the overdue notice does not put the completed cycle back
    await probe.publish(sales(), overdue);
    await probe.publish(sales(), due('MNT-2-MARK'));
    await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('A-MNT-2-MARK'));
    expect(((await board()).maintenanceOverdue as { applianceId: string }[]).map((r) => r.applianceId)).not.toContain(
      'A-MNT-2',
    );
  });
});
