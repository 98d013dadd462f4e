import { mintToken, Role } from '@appliance-care/auth';
import { createEvent, EventEnvelope, PurchaseRecorded, Topics } from '@appliance-care/contracts';
import { http } from '@appliance-care/service-testing';
import { KafkaProbe, SmtpSink, uniqueSuffix, waitFor } from '@appliance-care/testing';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT, ServiceProcesses } from './support/service-processes';

/**
 * The whole system as it runs in production: six service processes, the real broker, store and an
 * SMTP server; driven only through Kafka (as the sales system) and HTTP (as customers and technicians).
 */
describe('appliance lifecycles end to end', () => {
  const run = uniqueSuffix();
  const prefix = `e2e.${run}.`;
  const topic = (logical: string) => `${prefix}${logical}`;
  const seedFile = path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json');
  const smtp = new SmtpSink();
  const probe = new KafkaProbe();
  let services: ServiceProcesses;
  let dispatcher: string;

  const token = (role: Role, ids: { customerId?: string; technicianId?: string } = {}) => mintToken({ sub: `${role}-e2e`, roles: [role], ...ids });
  const url = (service: Parameters<ServiceProcesses['url']>[0], p: string) => `${services.url(service)}/api/v1/${p}`;
  const dataOf = (e: EventEnvelope) => e.data as Record<string, any>;
  const eventFor = (type: string, field: string, value: string, timeoutMs = 120_000) =>
    probe.waitForEvents(type, 1, timeoutMs, (e) => dataOf(e)[field] === value).then((found) => found[0]);
  const distinctEvents = (type: string, match: (d: Record<string, any>) => boolean) =>
    [...new Map(probe.events(type).filter((e) => match(dataOf(e))).map((e) => [e.id, e])).values()];

  /** The next weekday at least two days ahead, 09:00–15:00 UTC: inside every seeded technician's hours. */
  function weekdayWindow(): { from: string; to: string } {
    const day = new Date(Date.now() + 2 * 86_400_000);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const at = (h: number) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h)).toISOString();
    return { from: at(9), to: at(15) };
  }

  function purchase(tag: string, item: PurchaseRecorded['items'][number]): PurchaseRecorded {
    return {
      orderId: `ORD-${tag}-${run}`,
      purchasedAt: new Date(Date.now() - 60_000).toISOString(),
      channel: 'store',
      customer: {
        id: `C-${tag}-${run}`, name: `Customer ${tag}`, email: `${tag}.${run}@example.org`, locale: 'en-GB',
        address: { line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB', region: 'london' },
      },
      items: [item],
    };
  }

  async function buy(order: PurchaseRecorded): Promise<string> {
    await probe.publish(topic(Topics.purchases), createEvent({ type: 'sales.purchase.recorded.v1', source: '/e2e/point-of-sale', subject: order.orderId, data: order }));
    const registered = await eventFor('appliance.registered.v1', 'serialNumber', order.items[0].serialNumber);
    return dataOf(registered)['applianceId'];
  }

  /** A customer's report, retried while diagnostics has not yet learnt of the appliance (404). */
  async function reportProblem(applianceId: string, customerId: string, body: object) {
    const customer = await token('customer', { customerId });
    return waitFor(async () => {
      const res = await http('POST', url('diagnostics', `appliances/${applianceId}/problems`), { token: customer, body, headers: { 'idempotency-key': `p-${applianceId}` } });
      if (res.status === 404) return undefined;
      expect(res.status).toBe(201);
      return res.body;
    }, { timeoutMs: 120_000, intervalMs: 500, what: `problem report on ${applianceId}` });
  }

  const timeline = async (applianceId: string) => (await http('GET', url('portal', `appliances/${applianceId}/timeline`), { token: dispatcher })).body;
  const eventTypesOf = (mails: { headers: Record<string, string> }[]) => mails.map((m) => m.headers['x-event-type']).sort();

  beforeAll(async () => {
    expect(existsSync(seedFile)).toBe(true);
    await smtp.start();
    await probe.watch([Topics.purchases, Topics.salesInstallation, Topics.diagnostics, Topics.repairs, Topics.dispatch, Topics.notifications].map(topic));
    services = new ServiceProcesses({
      ...process.env,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_PREFIX: prefix,
      SMTP_URL: smtp.url,
      DISPATCH_SEED_FILE: seedFile,
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      LOG_LEVEL: 'warn',
    });
    await services.start(run);
    dispatcher = await token('dispatcher');
  }, 300_000);

  afterAll(async () => {
    await services?.stop();
    await probe.close();
    await smtp.stop();
  }, 60_000);

  it('installs a washing machine, fixes its problem by guidance, and sends a critical gas fault to an urgent visit', async () => {
    // customer A: a washing machine to install in a given window
    const washer = purchase('ada', {
      lineId: '1', sku: 'WM-8KG-1400', category: 'washing-machine', brand: 'Acme', model: 'WM8', serialNumber: `WM-${run}`, warrantyMonths: 24,
      installation: { required: true, preferredWindow: weekdayWindow() },
    });
    // customer B: a gas hob that needs no installation from us
    const hob = purchase('bob', { lineId: '1', sku: 'GH-60', category: 'gas-hob', brand: 'Acme', serialNumber: `GH-${run}`, warrantyMonths: 24, installation: { required: false } });
    // one after the other: the probe's producer connects on its first send
    const washerId = await buy(washer);
    const hobId = await buy(hob);

    // dispatch books a technician from the seeded roster; sales-installation schedules it
    const scheduled = dataOf(await eventFor('installation.scheduled.v1', 'applianceId', washerId));
    const installer = await token('technician', { technicianId: scheduled['technicianId'] });
    const installation = `installations/${scheduled['installationId']}`;
    expect((await http('POST', url('sales-installation', `${installation}/start`), { token: installer })).body).toMatchObject({ status: 'in-progress' });
    const checklist: { item: string }[] = (await http('GET', url('sales-installation', installation), { token: installer })).body.checklist;
    const done = await http('POST', url('sales-installation', `${installation}/complete`), {
      token: installer, body: { checklist: checklist.map((c) => ({ item: c.item, done: true })), customerTrained: true },
    });
    expect(done.body).toMatchObject({ status: 'completed' });

    // customer A's problem: fixed by the guidance
    const washerCase = await reportProblem(washerId, washer.customer.id, { symptoms: 'Water left in drum after every wash', errorCode: 'E21' });
    expect(washerCase).toMatchObject({ state: 'guidance-sent' });
    const ada = await token('customer', { customerId: washer.customer.id });
    const fixed = await http('POST', url('diagnostics', `cases/${washerCase.caseId}/guidance-outcome`), { token: ada, body: { fixed: true } });
    expect(fixed.body).toMatchObject({ state: 'completed', outcome: 'resolved' });

    // customer B smells gas: critical, an urgent visit, no remote step
    const gasCase = await reportProblem(hobId, hob.customer.id, { symptoms: "The burner won't light and I can smell gas in the kitchen" });
    expect(gasCase).toMatchObject({ state: 'visit-requested', triage: { severity: 'critical', requiredSkill: 'gas-safe' } });
    expect(dataOf(await eventFor('diagnosis.visit-requested.v1', 'caseId', gasCase.caseId))).toMatchObject({ priority: 'urgent', severity: 'critical', region: 'london' });
    // dispatch answers at once: booked if a gas-safe technician is on shift before the due time, otherwise visibly waiting
    const answer = await waitFor(() => [...probe.events('work-order.assigned.v1'), ...probe.events('work-order.unassignable.v1')].find((e) => dataOf(e)['sourceId'] === gasCase.caseId), {
      timeoutMs: 120_000, what: 'dispatch to answer the urgent visit',
    });
    const gasVisitBooked = answer.type === 'work-order.assigned.v1';
    if (gasVisitBooked) expect(dataOf(answer)['technicianId']).toMatch(/^T-LDN-001$/); // the only gas-safe technician in london
    expect(distinctEvents('diagnosis.guidance-sent.v1', (d) => d['caseId'] === gasCase.caseId)).toEqual([]);

    // final states through each owner's REST API
    expect((await http('GET', url('sales-installation', installation), { token: dispatcher })).body).toMatchObject({ status: 'completed', technicianId: scheduled['technicianId'] });
    expect((await http('GET', url('diagnostics', `cases/${washerCase.caseId}`), { token: dispatcher })).body).toMatchObject({ state: 'completed', outcome: 'resolved' });
    expect((await http('GET', url('diagnostics', `cases/${gasCase.caseId}`), { token: dispatcher })).body.state).toBe(gasVisitBooked ? 'visit-scheduled' : 'visit-requested');

    // every mail once: the customers' milestones, and one per assignment for each technician
    const adaMails = [
      'appliance.registered.v1', 'diagnosis.completed.v1', 'diagnosis.guidance-sent.v1', 'installation.completed.v1', 'installation.scheduled.v1', 'problem.reported.v1',
    ];
    const bobMails = ['appliance.registered.v1', 'problem.reported.v1', ...(gasVisitBooked ? ['work-order.assigned.v1'] : [])].sort();
    await waitFor(() => smtp.to(washer.customer.email!).length >= adaMails.length && smtp.to(hob.customer.email!).length >= bobMails.length, {
      timeoutMs: 120_000, intervalMs: 500, what: 'the customers\' mails',
    });
    const assignments = [...probe.events('work-order.assigned.v1')].filter((e) => [washerId, hobId].includes(dataOf(e)['applianceId']));
    const technicians = new Set(assignments.map((e) => dataOf(e)['technicianId'] as string));
    const seeded: { technicianId: string; email: string }[] = require(seedFile); // eslint-disable-line @typescript-eslint/no-require-imports
    const emailOf = (technicianId: string) => seeded.find((t) => t.technicianId === technicianId)!.email;
    for (const t of technicians) {
      const expected = new Set(assignments.filter((e) => dataOf(e)['technicianId'] === t).map((e) => dataOf(e)['workOrderId'])).size;
      await waitFor(() => smtp.to(emailOf(t)).length >= expected, { timeoutMs: 120_000, intervalMs: 500, what: `${expected} mails to ${t}` });
      expect(eventTypesOf(smtp.to(emailOf(t)))).toEqual(Array(expected).fill('work-order.assigned.v1'));
    }
    expect(eventTypesOf(smtp.to(washer.customer.email!))).toEqual(adaMails);
    expect(eventTypesOf(smtp.to(hob.customer.email!))).toEqual(bobMails);
    const ids = smtp.mails.map((m) => m.headers['x-notification-id']);
    expect(new Set(ids).size).toBe(ids.length);

    // the portal tells each story in order, with who did what
    const washerTimeline = await waitFor(async () => {
      const t = await timeline(washerId);
      const sent = (t.entries ?? []).filter((e: { type: string }) => e.type === 'notification.sent').length;
      return t.status === 'resolved' && sent >= adaMails.length + 1 ? t : undefined;
    }, { timeoutMs: 120_000, intervalMs: 1000, what: 'the washing machine timeline' });
    const lifecycle = washerTimeline.entries.filter((e: { type: string }) => !e.type.startsWith('notification.') && !e.type.startsWith('work-order.'));
    expect(lifecycle.map((e: { type: string }) => e.type)).toEqual([
      'appliance.registered', 'installation.requested', 'installation.scheduled', 'installation.started', 'installation.completed',
      'problem.reported', 'diagnosis.guidance-sent', 'diagnosis.completed',
    ]);
    expect(lifecycle.map((e: { who: { kind: string } }) => e.who.kind)).toEqual(['customer', 'system', 'system', 'technician', 'technician', 'customer', 'system', 'system']);
    expect(washerTimeline.entries.every((e: { summary: string; time: string }) => e.summary.length > 0 && !Number.isNaN(Date.parse(e.time)))).toBe(true);

    const bobView = await waitFor(async () => {
      const res = await http('GET', url('portal', `customers/${hob.customer.id}/appliances`), { token: await token('customer', { customerId: hob.customer.id }) });
      return res.body.items?.[0]?.status === 'awaiting-diagnostic-visit' ? res.body : undefined;
    }, { timeoutMs: 120_000, intervalMs: 1000, what: 'the gas hob awaiting its visit' });
    expect(bobView.items).toEqual([expect.objectContaining({ applianceId: hobId, appliance: expect.objectContaining({ category: 'gas-hob' }) })]);
    const adaView = await http('GET', url('portal', `customers/${washer.customer.id}/appliances`), { token: ada });
    expect(adaView.body.items).toEqual([expect.objectContaining({ applianceId: washerId, status: 'resolved' })]);
    expect((await http('GET', url('portal', `appliances/${hobId}/timeline`), { token: ada })).status).toBe(404);
  });
});
