import { createHmac, randomBytes } from 'node:crypto';

import { createEvent, dlqTopic, PurchaseRecorded, Topics } from '@appliance-care/contracts';
import { mailParts, waitFor } from '@appliance-care/testing';

import { libraryJourneys } from './library.journeys';
import { CustomerLinks } from './support/customer-links';
import {
  Data,
  dataOf,
  E2eSystem,
  environmentSecrets,
  eventually,
  Inbox,
  OUT_OF_STOCK,
  ROSTER,
} from './support/e2e-system';
import { LifecycleSteps } from './support/lifecycle-steps';
import { SERVICES } from './support/service-processes';

/**
 * The whole system as it runs in production: six service processes, the real broker, store and an
 * SMTP server; driven only through Kafka (as the sales system and the appliances) and HTTP (as
 * customers, technicians and dispatchers). Twenty-five appliances go through their lifecycles at once
 * (each `it` reports one lifecycle); the last tests check everyone's mail and the services' logs.
 * The library's journeys (library.journeys.ts) follow in the same system.
 */
const sys = new E2eSystem();
const steps = new LifecycleSteps(sys);
const links = new CustomerLinks(sys);
const DISPATCH_TEAM = 'dispatch@appliance-care.local';

type Customer = PurchaseRecorded['customer'];
type Item = PurchaseRecorded['items'][number];

/** Every customer of the run, with the mail each must have received (checked once all is settled). */
const customers: { customerId: string; inbox: Inbox }[] = [];
function customerOf(tag: string, extra: Partial<Customer> = {}, region?: string): { customer: Customer; inbox: Inbox } {
  const customer = sys.customer(tag, extra, region);
  const inbox = sys.inbox(customer.email!);
  customers.push({ customerId: customer.id, inbox });
  return { customer, inbox };
}

const serial = (tag: string) => `SN-${tag.toUpperCase()}-${sys.run}`;
const item = (tag: string, category: string, install: boolean, extra: Partial<Item> = {}): Item => ({
  lineId: '1',
  sku: `${category.toUpperCase()}-1`,
  category,
  brand: 'Acme',
  serialNumber: serial(tag),
  warrantyMonths: 24,
  installation: install ? { required: true, preferredWindow: sys.window() } : { required: false },
  ...extra,
});

const INSTALLED = [
  'appliance.registered',
  'installation.requested',
  'installation.scheduled',
  'installation.started',
  'installation.completed',
];
/** An appliance with a maintenance plan (libs/sales-installation/src/data/maintenance-plans.json): attached at registration. */
const INSTALLED_WITH_PLAN = ['appliance.registered', 'maintenance.plan-attached', ...INSTALLED.slice(1)];

/** Bought, installed by the technician dispatch booked, nothing else. */
async function installationOnly(tag: string, category: string, skill: string): Promise<void> {
  const { customer, inbox } = customerOf(tag);
  const [applianceId] = await sys.buy(sys.order(tag, customer, [item(tag, category, true)]));
  await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
  const booked = await steps.install(applianceId);
  expect(ROSTER.find((t) => t.technicianId === booked.technicianId)?.skills).toContain(skill);
  await inbox.next('installation.completed.v1');
  expect(await steps.installation(booked.installationId)).toMatchObject({
    status: 'completed',
    attempt: 1,
    technicianId: booked.technicianId,
    requiredSkill: skill,
    customerTrained: true,
  });
  await steps.expectTimeline(applianceId, INSTALLED, 'installed', ['work-order.assigned']);
  await steps.expectWorkOrders(applianceId, ['installation done']);
}

/** Reported by the customer, a diagnostic visit booked; answers the case and its technician. */
async function problemToVisit(
  applianceId: string,
  customerId: string,
  inbox: Inbox,
  problem: { symptoms: string; errorCode?: string },
) {
  const opened = await steps.reportProblem(applianceId, customerId, problem);
  expect(opened).toMatchObject({ state: 'visit-requested' });
  const visit = await steps.visitScheduled(opened.caseId);
  await inbox.next('problem.reported.v1', 'work-order.assigned.v1');
  return { caseId: opened.caseId as string, opened, technicianId: visit.technicianId as string };
}

/**
 * The technician's diagnosis: repair required (a knowledge-base fault); answers the opened ticket.
 * The repair visit's booking mail (dispatch's topic) may overtake the ticket's (repairs' topic).
 */
/** `alsoMailed`: what else the new ticket causes at the same time (in any order with its booking). */
async function diagnoseRepair(
  caseId: string,
  technicianId: string,
  faultId: string,
  inbox: Inbox,
  alsoMailed: string[] = [],
): Promise<Data> {
  await steps.recordResults(caseId, technicianId, {
    tests: [{ name: 'component test', passed: false, measurements: { ohms: 0 } }],
    outcome: 'repair-required',
    confirmedFault: { faultId },
  });
  await inbox.next('diagnosis.completed.v1', 'repair.ticket-opened.v1', 'work-order.assigned.v1', ...alsoMailed);
  return steps.ticketOpened(caseId);
}

const DIAGNOSED_REPAIR = [
  'appliance.registered',
  'problem.reported',
  'diagnosis.visit-requested',
  'diagnosis.completed',
  'repair.ticket-opened',
];
/** A problem the guidance did not solve, closed by the diagnostic visit. */
const GUIDED_THEN_VISITED = [
  'appliance.registered',
  'problem.reported',
  'diagnosis.guidance-sent',
  'diagnosis.visit-requested',
  'diagnosis.completed',
];
const REPAIRED = ['repair.accepted', 'repair.en-route', 'repair.started', 'repair.completed'];

/** An installation booked, ended by `firstVisit` (failed, rescheduled), booked again and completed. */
async function expectInstalledOnSecondAttempt(applianceId: string, firstVisit: string[]): Promise<void> {
  const booked = INSTALLED.slice(0, 3); // registered, requested, scheduled
  await steps.expectTimeline(applianceId, [...booked, ...firstVisit, ...INSTALLED.slice(1)], 'installed', [
    'work-order.assigned',
    'work-order.released',
    'work-order.assigned',
  ]);
  await steps.expectWorkOrders(applianceId, ['installation released', 'installation done']);
}

const lifecycles: Record<string, () => Promise<void>> = {
  'a washing machine is installed, then its problem is fixed by the remote guidance': async () => {
    const { customer, inbox } = customerOf('ada');
    const [washer] = await sys.buy(
      sys.order('ada', customer, [item('ada', 'washing-machine', true, { sku: 'WM-8KG-1400', model: 'WM8' })]),
    );
    await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
    const booked = await steps.install(washer);
    await inbox.next('installation.completed.v1');

    const washerCase = await steps.reportProblem(washer, customer.id, {
      symptoms: 'Water left in drum after every wash',
      errorCode: 'E21',
    });
    expect(washerCase).toMatchObject({ state: 'guidance-sent' });
    await inbox.next('problem.reported.v1', 'diagnosis.guidance-sent.v1');
    expect(await steps.guidanceOutcome(washerCase.caseId, customer.id, true)).toMatchObject({
      state: 'completed',
      outcome: 'resolved',
    });
    await inbox.next('diagnosis.completed.v1');

    expect(await steps.installation(booked.installationId)).toMatchObject({
      status: 'completed',
      technicianId: booked.technicianId,
    });
    expect(await steps.case(washerCase.caseId)).toMatchObject({ state: 'completed', outcome: 'resolved' });
    expect(sys.events('diagnosis.visit-requested.v1', (d) => d['caseId'] === washerCase.caseId)).toEqual([]);
    const t = await steps.expectTimeline(
      washer,
      [...INSTALLED, 'problem.reported', 'diagnosis.guidance-sent', 'diagnosis.completed'],
      'resolved',
      ['work-order.assigned'],
    );
    const story = t.entries.filter(
      (e: Data) => !e['type'].startsWith('notification.') && !e['type'].startsWith('work-order.'),
    );
    expect(story.map((e: Data) => e['who'].kind)).toEqual([
      'customer',
      'system',
      'system',
      'technician',
      'technician',
      'customer',
      'system',
      'system',
    ]);
    await steps.expectWorkOrders(washer, ['installation done']);

    // the customer sees their own appliance, nobody else's
    const own = await sys.call('GET', 'portal', `customers/${customer.id}/appliances`, {
      token: await sys.token('customer', { customerId: customer.id }),
    });
    expect(own.body.items).toEqual([
      expect.objectContaining({
        applianceId: washer,
        status: 'resolved',
        appliance: expect.objectContaining({ category: 'washing-machine' }),
      }),
    ]);
    const stranger = await sys.token('customer', { customerId: `C-stranger-${sys.run}` });
    expect((await sys.call('GET', 'portal', `appliances/${washer}/timeline`, { token: stranger })).status).toBe(404);
  },

  'a critical gas fault goes straight to an urgent visit, with no remote step': async () => {
    const { customer, inbox } = customerOf('bob');
    const [hob] = await sys.buy(sys.order('bob', customer, [item('bob', 'gas-hob', false, { sku: 'GH-60' })]));
    await inbox.next('appliance.registered.v1');
    const gasCase = await steps.reportProblem(hob, customer.id, {
      symptoms: "The burner won't light and I can smell gas in the kitchen",
    });
    expect(gasCase).toMatchObject({
      state: 'visit-requested',
      triage: { severity: 'critical', requiredSkill: 'gas-safe' },
    });
    const request = dataOf(await sys.eventFor('diagnosis.visit-requested.v1', (d) => d['caseId'] === gasCase.caseId));
    expect(request).toMatchObject({ priority: 'urgent', severity: 'critical', region: 'london' });
    const visit = await steps.visitScheduled(gasCase.caseId);
    expect(visit.technicianId).toBe('T-E2E-LDN-GAS-1'); // the only gas-safe technician in london
    const booking = dataOf(await sys.eventFor('work-order.assigned.v1', (d) => d['sourceId'] === gasCase.caseId));
    expect(Date.parse(booking['window'].to)).toBeLessThanOrEqual(Date.parse(request['dueBy']));
    await inbox.next('problem.reported.v1', 'work-order.assigned.v1');
    await steps.recordResults(gasCase.caseId, visit.technicianId, {
      tests: [{ name: 'gas tightness test', passed: true }],
      outcome: 'resolved',
      confirmedFault: { faultId: 'oh-gas-leak' },
      notes: 'burner supply union tightened',
    });
    await inbox.next('diagnosis.completed.v1');

    expect(sys.events('diagnosis.guidance-sent.v1', (d) => d['caseId'] === gasCase.caseId)).toEqual([]);
    expect(await steps.case(gasCase.caseId)).toMatchObject({
      state: 'completed',
      outcome: 'resolved',
      technicianId: 'T-E2E-LDN-GAS-1',
    });
    await steps.expectTimeline(
      hob,
      ['appliance.registered', 'problem.reported', 'diagnosis.visit-requested', 'diagnosis.completed'],
      'resolved',
      ['work-order.assigned'],
    );
    await steps.expectWorkOrders(hob, ['diagnostic-visit done']);
  },

  "an out-of-warranty washing machine is repaired at the customer's cost (webhook and SMS too)": async () => {
    const phone = `+44 7700 ${100000 + Math.floor(Math.random() * 800000)}`;
    const secret = randomBytes(24).toString('hex');
    sys.remember("a customer's phone number", phone);
    sys.remember('a webhook secret', secret);
    const { customer, inbox } = customerOf('cleo', { phone });
    const hook = `/hooks/${customer.id}`;
    // set before the purchase, so that the very first notification reaches the webhook too
    const prefs = await sys.call('PUT', 'notifications', `recipients/${customer.id}/preferences`, {
      token: await sys.token('customer', { customerId: customer.id }),
      body: { webhook: { url: sys.receiver.url(hook), secret } },
    });
    expect(prefs.status).toBe(200);
    expect(JSON.stringify(prefs.body)).not.toContain(secret);

    const threeYearsAgo = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString();
    const [washer] = await sys.buy(
      sys.order('cleo', customer, [item('cleo', 'washing-machine', false, { warrantyMonths: 12 })], threeYearsAgo),
    );
    await inbox.next('appliance.registered.v1');
    const appliance = (
      await sys.call('GET', 'sales-installation', `appliances/${washer}`, { token: await sys.dispatcher() })
    ).body;
    expect(appliance).toMatchObject({ warrantyStatus: 'out-of-warranty' });

    const { caseId, technicianId: visitor } = await problemToVisit(washer, customer.id, inbox, {
      symptoms: 'Loud grinding and rumbling during a noisy spin',
    });
    const opened = await diagnoseRepair(caseId, visitor, 'wm-drum-bearings-worn', inbox);
    expect(opened['coverage']).toMatchObject({
      status: 'billable',
      reason: expect.stringMatching(/out of warranty/),
      estimate: { currency: expect.any(String), total: expect.any(Number) },
    });
    expect(opened['coverage'].estimate.total).toBeGreaterThan(0);
    const assigned = await steps.ticketAssigned(opened['ticketId']);
    await steps.repair(opened['ticketId'], assigned.technicianId, inbox);

    expect(await steps.ticket(opened['ticketId'])).toMatchObject({
      status: 'completed',
      technicianId: assigned.technicianId,
      coverage: { status: 'billable' },
      firstTimeFix: true,
      declinedBy: [],
    });
    await steps.expectTimeline(washer, [...DIAGNOSED_REPAIR, ...REPAIRED], 'repaired', [
      'work-order.assigned',
      'work-order.assigned',
    ]);
    await steps.expectWorkOrders(washer, ['diagnostic-visit done', 'repair done']);

    // every customer notification also went to the signed webhook and by SMS, once each
    const notifications = await sys.settledNotifications(customer.id);
    const byChannel = (channel: string) => notifications.filter((n) => n['channel'] === channel);
    expect(byChannel('webhook').map((n) => n['status'])).toEqual(byChannel('email').map(() => 'sent'));
    expect(byChannel('sms').map((n) => n['status'])).toEqual(byChannel('email').map(() => 'sent'));
    const hooks = sys.receiver.on(hook);
    expect(hooks.map((h) => h.headers['x-event-type']).sort()).toEqual([...inbox.expected].sort());
    expect(new Set(hooks.map((h) => h.headers['x-notification-id'])).size).toBe(hooks.length);
    for (const h of hooks)
      expect(h.headers['x-signature']).toBe(`sha256=${createHmac('sha256', secret).update(h.body).digest('hex')}`);
    const texts = sys.receiver.on('/sms').filter((c) => JSON.parse(c.body).to === phone);
    expect(texts).toHaveLength(inbox.expected.length);
  },

  'an in-warranty fridge waits for parts, and the return visit is booked when they arrive': async () => {
    const { customer, inbox } = customerOf('dora');
    const [fridge] = await sys.buy(sys.order('dora', customer, [item('dora', 'refrigerator', false)]));
    await inbox.next('appliance.registered.v1');
    const { caseId, technicianId: visitor } = await problemToVisit(fridge, customer.id, inbox, {
      symptoms: 'fridge warm and compressor not running',
      errorCode: 'E7',
    });
    expect(visitor).toBe('T-E2E-LDN-REF-1'); // the only refrigeration technician in london
    const opened = await diagnoseRepair(caseId, visitor, 'rf-compressor-failed', inbox);
    expect(opened['coverage']).toMatchObject({ status: 'covered' });
    expect(opened['coverage'].estimate).toBeUndefined();
    const ticketId = opened['ticketId'];
    const { technicianId } = await steps.ticketAssigned(ticketId);
    expect(technicianId).toBe('T-E2E-LDN-REF-1');

    await steps.repairStep(ticketId, technicianId, 'accept');
    await steps.repairStep(ticketId, technicianId, 'en-route', { eta: new Date(Date.now() + 3_600_000).toISOString() });
    await inbox.next('repair.en-route.v1');
    await steps.repairStep(ticketId, technicianId, 'start');
    const parts = [{ sku: 'CMP-220', name: 'compressor', quantity: 1 }];
    expect(
      await steps.repairStep(ticketId, technicianId, 'awaiting-parts', {
        parts,
        expectedAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    ).toMatchObject({ status: 'awaiting-parts' });
    await inbox.next('repair.awaiting-parts.v1');
    // the board shows the order waiting for its parts
    const board = await sys.call('GET', 'dispatch', 'board', { token: await sys.dispatcher() });
    expect(board.body.awaitingParts).toEqual(expect.arrayContaining([expect.objectContaining({ sourceId: ticketId })]));

    // the parts arrive: the dispatcher says so, the ticket goes back to scheduling, the return visit is booked
    const arrived = await sys.call('POST', 'repairs', `tickets/${ticketId}/parts-arrived`, {
      token: await sys.dispatcher(),
      body: { parts, reference: `GRN-${sys.run}` },
    });
    expect({ status: arrived.status, body: arrived.body }).toMatchObject({
      status: 200,
      body: { status: 'awaiting-assignment' },
    });
    expect(dataOf(await sys.eventFor('repair.parts-arrived.v1', (d) => d['ticketId'] === ticketId))).toMatchObject({
      previousTechnicianId: technicianId,
      arrivedVia: 'api',
    });
    const returnVisit = await steps.ticketAssigned(ticketId);
    expect(returnVisit.technicianId).toBe(technicianId); // the technician who ordered the parts comes back
    await inbox.next('repair.parts-arrived.v1', 'work-order.assigned.v1');
    await sys.eventFor('work-order.assigned.v1', (d) => d['sourceId'] === ticketId, 2); // this test's tap may lag the mail
    const bookings = sys.events('work-order.assigned.v1', (d) => d['sourceId'] === ticketId);
    expect(new Set(bookings.map((e) => dataOf(e)['workOrderId'])).size).toBe(2); // a work order per visit
    await steps.repair(ticketId, technicianId, inbox);

    expect(await steps.ticket(ticketId)).toMatchObject({
      status: 'completed',
      coverage: { status: 'covered' },
      firstTimeFix: false,
      visits: 2,
    });
    await steps.expectTimeline(
      fridge,
      [
        ...DIAGNOSED_REPAIR,
        'repair.accepted',
        'repair.en-route',
        'repair.started',
        'repair.awaiting-parts',
        'repair.parts-arrived',
        ...REPAIRED,
      ],
      'repaired',
      ['work-order.assigned', 'work-order.assigned', 'work-order.assigned'],
    );
    await steps.expectWorkOrders(fridge, ['diagnostic-visit done', 'repair done', 'repair done']);
  },

  'a repair waits for a part out of stock, ordered by the parts service, and is completed after a stock receipt':
    async () => {
      const { customer, inbox } = customerOf('nell');
      const [washer] = await sys.buy(sys.order('nell', customer, [item('nell', 'washing-machine', false)]));
      await inbox.next('appliance.registered.v1');
      const { caseId, technicianId: visitor } = await problemToVisit(washer, customer.id, inbox, {
        symptoms: 'Loud grinding and rumbling during a noisy spin',
      });
      // the parts service's answer (on order: the ticket waits) races dispatch's booking of the repair
      const opened = await diagnoseRepair(caseId, visitor, 'wm-heater-failed', inbox, ['repair.awaiting-parts.v1']);
      expect(opened['coverage']).toMatchObject({ status: 'covered' });
      const ticketId = opened['ticketId'];
      const forTicket = (d: Data) => d['ticketId'] === ticketId;

      // no van or depot has the heater: the parts service orders it and the ticket waits, its booking ended
      expect(dataOf(await sys.eventFor('parts.requested.v1', forTicket))).toMatchObject({
        lines: [{ ...OUT_OF_STOCK, quantity: 1 }],
      });
      expect(
        await eventually(
          () => steps.ticket(ticketId),
          (t) => t.status === 'awaiting-parts',
        ),
      ).toMatchObject({
        awaitingParts: { parts: [{ sku: OUT_OF_STOCK.sku, quantity: 1 }] },
        sla: { paused: true },
      });

      // the stock arrives at the depot (a dispatcher books it in): it fills the reservation, the return visit is booked
      const receipt = await sys.call('POST', 'parts', 'stock/receipts', {
        token: await sys.dispatcher(),
        body: {
          receiptId: `GRN-NELL-${sys.run}`,
          location: OUT_OF_STOCK.location,
          lines: [{ sku: OUT_OF_STOCK.sku, quantity: 1 }],
        },
      });
      expect({ status: receipt.status, filled: receipt.body.filled }).toEqual({ status: 201, filled: [ticketId] });
      await sys.eventFor('parts.reservation-fulfilled.v1', forTicket);
      const { technicianId } = await steps.ticketAssigned(ticketId);
      await inbox.next('repair.parts-arrived.v1', 'work-order.assigned.v1');
      await steps.repairStep(ticketId, technicianId, 'accept');
      await steps.repairStep(ticketId, technicianId, 'en-route', {
        eta: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await inbox.next('repair.en-route.v1');
      await steps.repairStep(ticketId, technicianId, 'start');
      const heater = { sku: OUT_OF_STOCK.sku, name: 'Heating element 2000 W with NTC', quantity: 1 };
      const done = await steps.repairStep(ticketId, technicianId, 'complete', {
        workDone: 'Replaced the heating element and ran a hot wash',
        partsUsed: [heater],
        labourMinutes: 60,
        signedOffBy: 'the customer',
      });
      expect(done).toMatchObject({ status: 'completed', firstTimeFix: false });
      await inbox.next('repair.completed.v1');

      // the part is consumed at cost (the warranty covers it); the ticket shows its cost at catalogue price
      expect(dataOf(await sys.eventFor('parts.consumed.v1', forTicket))).toMatchObject({
        used: [{ sku: OUT_OF_STOCK.sku, quantity: 1, basis: 'cost' }],
        partsValue: { basis: 'cost' },
      });
      expect(
        await eventually(
          () => steps.ticket(ticketId),
          (t) => t.partsCost !== undefined,
        ),
      ).toMatchObject({
        partsCost: { currency: 'GBP', total: 42.5, warrantyClaim: { total: 23.38 } },
      });
      await steps.expectTimeline(
        washer,
        [...DIAGNOSED_REPAIR, 'repair.awaiting-parts', 'repair.parts-arrived', ...REPAIRED],
        'repaired',
        ['work-order.assigned', 'work-order.assigned', 'work-order.assigned'],
      );
      await steps.expectWorkOrders(washer, ['diagnostic-visit done', 'repair done', 'repair done']);
    },

  'a declined repair goes to the next qualified technician': async () => {
    const { customer, inbox } = customerOf('erin', {}, 'manchester');
    const [dishwasher] = await sys.buy(sys.order('erin', customer, [item('erin', 'dishwasher', false)]));
    await inbox.next('appliance.registered.v1');
    const { caseId, technicianId: visitor } = await problemToVisit(dishwasher, customer.id, inbox, {
      symptoms: 'Leak protection error',
      errorCode: 'E15',
    });
    const opened = await diagnoseRepair(caseId, visitor, 'dw-leak-protection', inbox);
    const ticketId = opened['ticketId'];
    const first = (await steps.ticketAssigned(ticketId)).technicianId as string;
    const declined = await steps.repairStep(ticketId, first, 'decline', { reason: 'no van available today' });
    expect(declined).toMatchObject({ status: 'awaiting-assignment', declinedBy: [first] });

    const second = (await steps.ticketAssigned(ticketId, first)).technicianId as string;
    await inbox.next('work-order.assigned.v1'); // booked again, with the next technician
    const qualified = ['T-E2E-MAN-GEN-1', 'T-E2E-MAN-GEN-2']; // the two appliance-general technicians in manchester
    expect([first, second].sort()).toEqual(qualified);
    expect(dataOf(await sys.eventFor('work-order.released.v1', (d) => d['sourceId'] === ticketId))).toMatchObject({
      technicianId: first,
      reason: 'declined',
      kind: 'repair',
    });
    await sys.eventFor('work-order.assigned.v1', (d) => d['sourceId'] === ticketId, 2); // this test's tap may lag the mail
    expect(
      sys.events('work-order.assigned.v1', (d) => d['sourceId'] === ticketId).map((e) => dataOf(e)['technicianId']),
    ).toEqual([first, second]);
    await steps.repair(ticketId, second, inbox);

    expect(await steps.ticket(ticketId)).toMatchObject({
      status: 'completed',
      technicianId: second,
      declinedBy: [first],
      coverage: { status: 'covered' },
    });
    await steps.expectTimeline(dishwasher, [...DIAGNOSED_REPAIR, 'repair.declined', ...REPAIRED], 'repaired', [
      'work-order.assigned',
      'work-order.assigned',
      'work-order.released',
      'work-order.assigned',
    ]);
    const orders = await steps.expectWorkOrders(dishwasher, ['diagnostic-visit done', 'repair done']);
    expect(orders.find((o) => o['kind'] === 'repair')).toMatchObject({ technicianId: second, declinedBy: [first] });
  },

  'a repair the warranty excludes (misuse) is billable, and the customer cancels it': async () => {
    const { customer, inbox } = customerOf('finn');
    const [dishwasher] = await sys.buy(sys.order('finn', customer, [item('finn', 'dishwasher', false)]));
    await inbox.next('appliance.registered.v1');
    const { caseId, technicianId: visitor } = await problemToVisit(dishwasher, customer.id, inbox, {
      symptoms: 'The door drops since I sat on door, hinge broken',
    });
    const opened = await diagnoseRepair(caseId, visitor, 'dw-door-hinge-broken', inbox);
    expect(opened['coverage']).toMatchObject({
      status: 'billable',
      reason: expect.stringMatching(/misuse/),
      estimate: { total: expect.any(Number) },
    });
    const ticketId = opened['ticketId'];
    const { technicianId } = await steps.ticketAssigned(ticketId);
    const cancel = await sys.call('POST', 'repairs', `tickets/${ticketId}/cancel`, {
      token: await sys.token('customer', { customerId: customer.id }),
      body: { reason: 'too expensive, I will replace it' },
    });
    expect({ status: cancel.status, body: cancel.body }).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    await inbox.next('repair.cancelled.v1');

    expect(dataOf(await sys.eventFor('work-order.released.v1', (d) => d['sourceId'] === ticketId))).toMatchObject({
      technicianId,
      reason: 'source-cancelled',
    });
    expect(await steps.ticket(ticketId)).toMatchObject({
      status: 'cancelled',
      cancellation: { cancelledBy: 'customer' },
      coverage: { status: 'billable' },
    });
    await steps.expectTimeline(dishwasher, [...DIAGNOSED_REPAIR, 'repair.cancelled'], 'repair-cancelled', [
      'work-order.assigned',
      'work-order.assigned',
      'work-order.released',
    ]);
    await steps.expectWorkOrders(dishwasher, ['diagnostic-visit done', 'repair cancelled']);
  },

  'an installation that fails is requested again, scheduled again and completed': async () => {
    const { customer, inbox } = customerOf('gus');
    const [washer] = await sys.buy(sys.order('gus', customer, [item('gus', 'washing-machine', true)]));
    await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
    const first = await steps.scheduledInstallation(washer, 1);
    await steps.startInstallation(first.installationId, first.technicianId);
    const failed = await sys.call('POST', 'sales-installation', `installations/${first.installationId}/fail`, {
      token: await steps.technician(first.technicianId),
      body: { reason: 'the water supply valve is seized' },
    });
    expect({ status: failed.status, body: failed.body }).toMatchObject({
      status: 200,
      body: { status: 'requested', attempt: 2 },
    });
    expect(
      dataOf(await sys.eventFor('work-order.released.v1', (d) => d['workOrderId'] === first.workOrderId)),
    ).toMatchObject({ technicianId: first.technicianId, reason: 'source-rescheduled' });

    const second = await steps.scheduledInstallation(washer, 2);
    expect(second).toMatchObject({ installationId: first.installationId, attempt: 2 });
    expect(second.workOrderId).not.toBe(first.workOrderId);
    await inbox.next('installation.failed.v1', 'installation.scheduled.v1');
    await steps.carryOut(second);
    await inbox.next('installation.completed.v1');

    expect(await steps.installation(first.installationId)).toMatchObject({
      status: 'completed',
      attempt: 2,
      technicianId: second.technicianId,
      visits: [
        expect.objectContaining({
          attempt: 1,
          outcome: 'failed',
          technicianId: first.technicianId,
          workOrderId: first.workOrderId,
        }),
      ],
    });
    await expectInstalledOnSecondAttempt(washer, ['installation.started', 'installation.failed']);
  },

  'an installation the technician reschedules is booked in the new window and completed': async () => {
    const { customer, inbox } = customerOf('hana');
    const [dishwasher] = await sys.buy(sys.order('hana', customer, [item('hana', 'dishwasher', true)]));
    await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
    const first = await steps.scheduledInstallation(dishwasher, 1);
    const later = sys.window(3);
    const moved = await sys.call('POST', 'sales-installation', `installations/${first.installationId}/reschedule`, {
      token: await steps.technician(first.technicianId),
      body: { reason: 'the customer is away that day', preferredWindow: later },
    });
    expect({ status: moved.status, body: moved.body }).toMatchObject({
      status: 200,
      body: { status: 'requested', attempt: 2, preferredWindow: later },
    });

    const second = await steps.scheduledInstallation(dishwasher, 2);
    await inbox.next('installation.rescheduled.v1', 'installation.scheduled.v1');
    const booked = await steps.installation(second.installationId);
    expect(Date.parse(booked.window.from)).toBeGreaterThanOrEqual(Date.parse(later.from));
    expect(Date.parse(booked.window.to)).toBeLessThanOrEqual(Date.parse(later.to));
    await steps.carryOut(second);
    await inbox.next('installation.completed.v1');

    expect(await steps.installation(first.installationId)).toMatchObject({
      status: 'completed',
      attempt: 2,
      visits: [expect.objectContaining({ outcome: 'rescheduled' })],
    });
    await expectInstalledOnSecondAttempt(dishwasher, ['installation.rescheduled']);
  },

  'a purchase delivered three times registers one appliance and tells the customer once': async () => {
    const { customer, inbox } = customerOf('ivy');
    const order = sys.order('ivy', customer, [item('ivy', 'tumble-dryer', false)]);
    const event = sys.purchaseEvent(order);
    await sys.publishPurchase(event);
    await sys.publishPurchase(event); // redelivered as is
    await sys.publishPurchase({ ...sys.purchaseEvent(order), time: new Date().toISOString() }, 'structured'); // re-sent by the till: a new event, the same order
    await sys.consumed('sales-installation', Topics.purchases, (m) => m.event?.subject === order.orderId);
    await inbox.next('appliance.registered.v1');

    const found = await sys.call(
      'GET',
      'sales-installation',
      `appliances?serialNumber=${order.items[0].serialNumber}`,
      { token: await sys.dispatcher() },
    );
    expect(found.body.items).toHaveLength(1);
    // the mail can arrive before the probe, a consumer of its own, has read the event
    await sys.eventFor('appliance.registered.v1', (d) => d['orderId'] === order.orderId);
    await sys.eventFor('customer.registered.v1', (d) => d['customerId'] === customer.id);
    expect(sys.events('appliance.registered.v1', (d) => d['orderId'] === order.orderId)).toHaveLength(1);
    expect(sys.events('customer.registered.v1', (d) => d['customerId'] === customer.id)).toHaveLength(1);
    expect(sys.probe.on(sys.topic(dlqTopic(Topics.purchases))).filter((m) => m.value?.includes(order.orderId))).toEqual(
      [],
    );
    await steps.expectTimeline(found.body.items[0].applianceId, ['appliance.registered'], 'registered');
    await steps.expectWorkOrders(found.body.items[0].applianceId, []);
  },

  'a malformed purchase goes to the dead-letter topic and nothing else happens': async () => {
    const phone = `+44 7700 ${100000 + Math.floor(Math.random() * 800000)}`;
    sys.remember('the phone number in a dead-lettered purchase', phone);
    const { customer } = customerOf('jack', { phone });
    const valid = sys.order('jack', customer, [item('jack', 'washing-machine', true)]);
    const malformed = {
      ...valid,
      customer: { ...customer, name: undefined },
      items: [{ ...valid.items[0], warrantyMonths: 500 }],
    };
    await sys.publishPurchase({ ...sys.purchaseEvent(valid), data: malformed });
    const dlq = sys.topic(dlqTopic(Topics.purchases));
    const [dead] = await sys.probe
      .waitForMessages(dlq, 1, 90_000)
      .then((all) => all.filter((m) => m.value?.includes(valid.orderId)));
    expect(dead.headers).toMatchObject({
      'x-error-code': expect.any(String),
      'x-error-message': expect.stringMatching(/warrantyMonths/),
      'x-consumer-group': `${sys.prefix}appliance-care.sales-installation`,
      'x-original-topic': sys.topic(Topics.purchases),
      'x-original-partition': expect.stringMatching(/^\d+$/),
      'x-original-offset': expect.stringMatching(/^\d+$/),
    });
    const original = sys.probe.on(sys.topic(Topics.purchases)).find((m) => m.value?.includes(valid.orderId))!;
    expect(dead.headers).toMatchObject({
      'x-original-partition': String(original.partition),
      'x-original-offset': original.offset,
    });

    const found = await sys.call(
      'GET',
      'sales-installation',
      `appliances?serialNumber=${valid.items[0].serialNumber}`,
      { token: await sys.dispatcher() },
    );
    expect(found.body.items).toEqual([]);
    expect(sys.events('appliance.registered.v1', (d) => d['serialNumber'] === valid.items[0].serialNumber)).toEqual([]);
    expect(sys.events('customer.registered.v1', (d) => d['customerId'] === customer.id)).toEqual([]);
    // and no mail: checked with everyone's mail once all is settled (this customer expects none)
  },

  'one order with two appliances: both registered and installed': async () => {
    const { customer, inbox } = customerOf('kim');
    const order = sys.order('kim', customer, [
      item('kim-fridge', 'american-fridge-freezer', true, { lineId: '1' }),
      item('kim-hob', 'induction-hob', true, { lineId: '2' }),
    ]);
    const [fridge, hob] = await sys.buy(order);
    await inbox.next(
      'appliance.registered.v1',
      'appliance.registered.v1',
      'installation.scheduled.v1',
      'installation.scheduled.v1',
    );
    const [fridgeJob, hobJob] = await Promise.all([steps.install(fridge), steps.install(hob)]);
    await inbox.next('installation.completed.v1', 'installation.completed.v1');
    expect(fridgeJob.technicianId).toBe('T-E2E-LDN-REF-1');
    expect(hobJob.technicianId).toBe('T-E2E-LDN-ELE-1');
    await steps.expectTimeline(fridge, INSTALLED_WITH_PLAN, 'installed', ['work-order.assigned']);
    await steps.expectTimeline(hob, INSTALLED, 'installed', ['work-order.assigned']);
    await steps.expectWorkOrders(fridge, ['installation done']);
    await steps.expectWorkOrders(hob, ['installation done']);
    for (const job of [fridgeJob, hobJob])
      expect(await steps.installation(job.installationId)).toMatchObject({
        status: 'completed',
        orderId: order.orderId,
        technicianId: job.technicianId,
      });
    const view = await sys.call('GET', 'portal', `customers/${customer.id}/appliances`, {
      token: await sys.token('customer', { customerId: customer.id }),
    });
    expect(view.body.items.map((a: Data) => [a['applianceId'], a['status']]).sort()).toEqual(
      [
        [fridge, 'installed'],
        [hob, 'installed'],
      ].sort(),
    );
  },

  'a purchase recorded over REST (retried with its Idempotency-Key) is installed': async () => {
    const { customer, inbox } = customerOf('lea');
    const order = sys.order('lea', customer, [item('lea', 'air-conditioner', true)]);
    const till = await sys.token('sales-system');
    const post = () =>
      sys.call('POST', 'sales-installation', 'purchases', {
        token: till,
        body: order,
        headers: { 'idempotency-key': `till-${order.orderId}` },
      });
    const [first, retry] = [await post(), await post()];
    expect(first.status).toBe(202);
    expect(retry).toMatchObject({ status: 202, body: first.body });
    const applianceId = first.body.appliances[0].applianceId;
    await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
    const booked = await steps.install(applianceId);
    expect(booked.technicianId).toBe('T-E2E-LDN-HVAC-1');
    await inbox.next('installation.completed.v1');
    expect(sys.events('appliance.registered.v1', (d) => d['orderId'] === order.orderId)).toHaveLength(1);
    await steps.expectTimeline(applianceId, INSTALLED_WITH_PLAN, 'installed', ['work-order.assigned']);
    await steps.expectWorkOrders(applianceId, ['installation done']);
    expect(await steps.installation(booked.installationId)).toMatchObject({
      status: 'completed',
      orderId: order.orderId,
    });
  },

  'a fault code from a connected washing machine: guidance did not help, the visit found no fault': async () => {
    const { customer, inbox } = customerOf('max');
    const order = sys.order('max', customer, [item('max', 'washing-machine', false)]);
    const [washer] = await sys.buy(order);
    await inbox.next('appliance.registered.v1');
    // a device knows nothing of our services: it reports once diagnostics has learnt of the appliance
    const registered = await sys.eventFor('appliance.registered.v1', (d) => d['applianceId'] === washer);
    await sys.consumed('diagnostics', Topics.salesInstallation, (m) => m.event?.id === registered.id);
    await sys.probe.publish(
      sys.topic(Topics.deviceFaults),
      createEvent({
        type: 'device.fault.reported.v1',
        source: '/e2e/device',
        subject: order.items[0].serialNumber,
        data: {
          serialNumber: order.items[0].serialNumber,
          errorCode: 'E17',
          reportedAt: new Date().toISOString(),
          readings: { inletPressureBar: 0.1 },
        },
      }),
    );
    const reported = dataOf(await sys.eventFor('problem.reported.v1', (d) => d['applianceId'] === washer));
    expect(reported).toMatchObject({ source: 'device', errorCode: 'E17' });
    await inbox.next('problem.reported.v1', 'diagnosis.guidance-sent.v1');
    expect(await steps.case(reported['caseId'])).toMatchObject({ state: 'guidance-sent' });
    expect(await steps.guidanceOutcome(reported['caseId'], customer.id, false)).toMatchObject({
      state: 'visit-requested',
    });
    const visit = await steps.visitScheduled(reported['caseId']);
    await inbox.next('work-order.assigned.v1');
    await steps.recordResults(reported['caseId'], visit.technicianId, {
      tests: [{ name: 'inlet valve flow', passed: true }],
      outcome: 'no-fault-found',
    });
    await inbox.next('diagnosis.completed.v1');

    expect(await steps.case(reported['caseId'])).toMatchObject({ state: 'completed', outcome: 'no-fault-found' });
    const t = await steps.expectTimeline(washer, GUIDED_THEN_VISITED, 'resolved', ['work-order.assigned']);
    expect(t.entries.find((e: Data) => e['type'] === 'problem.reported').who).toMatchObject({
      kind: 'system',
      name: 'device',
    });
    await steps.expectWorkOrders(washer, ['diagnostic-visit done']);
  },

  'a dishwasher that will not drain is fixed by the guidance': async () => {
    const { customer, inbox } = customerOf('nia');
    const [dishwasher] = await sys.buy(sys.order('nia', customer, [item('nia', 'dishwasher', false)]));
    await inbox.next('appliance.registered.v1');
    const opened = await steps.reportProblem(dishwasher, customer.id, {
      symptoms: 'not draining, water in bottom',
      errorCode: 'E24',
    });
    expect(opened).toMatchObject({ state: 'guidance-sent', triage: { severity: 'low' } });
    await inbox.next('problem.reported.v1', 'diagnosis.guidance-sent.v1');
    await steps.guidanceOutcome(opened.caseId, customer.id, true);
    await inbox.next('diagnosis.completed.v1');
    expect(await steps.case(opened.caseId)).toMatchObject({ state: 'completed', outcome: 'resolved' });
    await steps.expectTimeline(
      dishwasher,
      ['appliance.registered', 'problem.reported', 'diagnosis.guidance-sent', 'diagnosis.completed'],
      'resolved',
    );
    await steps.expectWorkOrders(dishwasher, []);
  },

  'a dead tumble dryer: guidance did not help, the technician fixed it on the visit': async () => {
    const { customer, inbox } = customerOf('otto');
    const [dryer] = await sys.buy(sys.order('otto', customer, [item('otto', 'tumble-dryer', false)]));
    await inbox.next('appliance.registered.v1');
    const opened = await steps.reportProblem(dryer, customer.id, { symptoms: 'completely dead, no power' });
    expect(opened).toMatchObject({ state: 'guidance-sent' });
    await inbox.next('problem.reported.v1', 'diagnosis.guidance-sent.v1');
    await steps.guidanceOutcome(opened.caseId, customer.id, false);
    const visit = await steps.visitScheduled(opened.caseId);
    await inbox.next('work-order.assigned.v1');
    await steps.recordResults(opened.caseId, visit.technicianId, {
      tests: [{ name: 'mains lead continuity', passed: false }],
      outcome: 'resolved',
      notes: 'fuse in the plug replaced',
    });
    await inbox.next('diagnosis.completed.v1');
    expect(await steps.case(opened.caseId)).toMatchObject({
      state: 'completed',
      outcome: 'resolved',
      technicianId: visit.technicianId,
    });
    await steps.expectTimeline(dryer, GUIDED_THEN_VISITED, 'resolved', ['work-order.assigned']);
    await steps.expectWorkOrders(dryer, ['diagnostic-visit done']);
  },

  'a microwave needs nothing but its registration': async () => {
    const { customer, inbox } = customerOf('pia');
    const [microwave] = await sys.buy(
      sys.order('pia', customer, [item('pia', 'microwave', false, { warrantyMonths: 0 })]),
    );
    await inbox.next('appliance.registered.v1');
    expect(
      (await sys.call('GET', 'sales-installation', `appliances/${microwave}`, { token: await sys.dispatcher() })).body,
    ).toMatchObject({ warrantyStatus: 'out-of-warranty', installationRequired: false });
    await steps.expectTimeline(microwave, ['appliance.registered'], 'registered');
    await steps.expectWorkOrders(microwave, []);
  },

  'a customer moves the installation to another offered time with the link in the booking mail': async () => {
    const { customer, inbox } = customerOf('uma');
    const [washer] = await sys.buy(sys.order('uma', customer, [item('uma', 'washing-machine', true)]));
    await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
    const first = await steps.scheduledInstallation(washer, 1);
    const link = await links.inMail(inbox, 'installation.scheduled.v1', 'appointment');
    const offer = await links.moveAppointment(link, 2);

    // the job is booked again at the new time, and the new booking mail carries a new link
    const second = await steps.scheduledInstallation(washer, 2);
    expect(second).toMatchObject({
      installationId: first.installationId,
      workOrderId: first.workOrderId,
      technicianId: offer.technicianId,
    });
    await inbox.next('installation.scheduled.v1');
    expect((await links.open(link)).status).toBe(409); // the old link was for the old time
    expect(await links.inMail(inbox, 'installation.scheduled.v1', 'appointment')).not.toBe(link);
    expect(
      dataOf(await sys.eventFor('work-order.rescheduled.v1', (d) => d['workOrderId'] === first.workOrderId)),
    ).toMatchObject({ rescheduledBy: 'customer', via: 'link', window: offer.window, technicianId: offer.technicianId });
    expect((await steps.installation(first.installationId)).window).toEqual(offer.window);
    await steps.carryOut(second);
    await inbox.next('installation.completed.v1');

    const moves = ['work-order.assigned', 'work-order.assigned', 'work-order.rescheduled'];
    if (offer.technicianId !== first.technicianId) moves.push('work-order.released');
    await steps.expectTimeline(washer, [...INSTALLED.slice(0, 3), ...INSTALLED.slice(2)], 'installed', moves);
    await steps.expectWorkOrders(washer, ['installation done']);
  },

  'an installation nobody qualifies for waits, the dispatch team is told, and a dispatcher places it by hand':
    async () => {
      const { customer, inbox } = customerOf('vic', {}, 'manchester');
      const [hob] = await sys.buy(sys.order('vic', customer, [item('vic', 'gas-hob', true, { sku: 'GH-60' })]));
      await inbox.next('appliance.registered.v1');
      // nobody in manchester is gas-safe
      const waiting = dataOf(await sys.eventFor('work-order.unassignable.v1', (d) => d['applianceId'] === hob));
      expect(waiting).toMatchObject({ kind: 'installation', region: 'manchester' });
      await waitFor(
        async () => {
          for (const mail of sys.inbox(DISPATCH_TEAM).mails())
            if ((await mailParts(mail)).text.includes(waiting['workOrderId'])) return true;
          return false;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: `the dispatch team told of ${waiting['workOrderId']}` },
      );
      const dispatcher = await sys.dispatcher();
      const board = await sys.call('GET', 'dispatch', 'board?withinHours=720', { token: dispatcher });
      expect(board.body.unassigned).toEqual(
        expect.arrayContaining([expect.objectContaining({ workOrderId: waiting['workOrderId'] })]),
      );

      const start = sys.window(4).from.replace('T08:', 'T10:');
      const placed = await sys.call('POST', 'dispatch', `work-orders/${waiting['workOrderId']}/assign`, {
        token: dispatcher,
        body: {
          technicianId: 'T-E2E-LDN-GAS-1',
          start,
          overrideReason: 'covers Manchester until a gas-safe engineer starts there',
        },
      });
      expect({ status: placed.status, body: placed.body }).toMatchObject({ status: 200 });
      expect(
        dataOf(
          await sys.eventFor(
            'work-order.qualification-overridden.v1',
            (d) => d['workOrderId'] === waiting['workOrderId'],
          ),
        ),
      ).toMatchObject({ technicianId: 'T-E2E-LDN-GAS-1', failedChecks: expect.arrayContaining(['region']) });
      const booked = await steps.scheduledInstallation(hob, 1);
      expect(booked.technicianId).toBe('T-E2E-LDN-GAS-1');
      await inbox.next('installation.scheduled.v1');
      await steps.carryOut(booked);
      await inbox.next('installation.completed.v1');

      await steps.expectTimeline(hob, INSTALLED, 'installed', [
        'work-order.unassignable',
        'work-order.assigned',
        'work-order.qualification-overridden',
      ]);
      await steps.expectWorkOrders(hob, ['installation done']);
    },

  'a fridge is installed and its customer rates the job from the survey link in the completion mail': async () => {
    const { customer, inbox } = customerOf('sam');
    const [fridge] = await sys.buy(sys.order('sam', customer, [item('sam', 'refrigerator', true)]));
    await inbox.next('appliance.registered.v1', 'installation.scheduled.v1');
    const booked = await steps.install(fridge);
    await inbox.next('installation.completed.v1');

    const survey = await links.inMail(inbox, 'installation.completed.v1', 'feedback');
    expect(await links.open(survey)).toMatchObject({
      status: 200,
      body: { kind: 'installation', sourceId: booked.installationId, technician: { id: booked.technicianId } },
    });
    const answer = { rating: 5, comment: 'Tidy, quick, and showed us the eco mode', fixedFirstTime: true };
    expect((await links.answerSurvey(survey, answer)).status).toBe(201);
    expect((await links.answerSurvey(survey, { rating: 1, fixedFirstTime: false })).status).toBe(409); // once per job
    expect(
      dataOf(await sys.eventFor('customer.feedback-given.v1', (d) => d['sourceId'] === booked.installationId)),
    ).toMatchObject({ ...answer, kind: 'installation', customerId: customer.id, technicianId: booked.technicianId });

    // the KPIs count the rating for the technician and the region
    const dispatcher = await sys.dispatcher();
    const rated = (r: Data) =>
      r.body?.byTechnician?.find((t: Data) => t['technicianId'] === booked.technicianId)?.csat?.responses >= 1;
    const kpis = await eventually(() => sys.call('GET', 'portal', 'kpis', { token: dispatcher }), rated);
    expect(rated(kpis)).toBe(true);
    expect(kpis.body.byRegion.find((r: Data) => r['region'] === 'london')?.csat.responses).toBeGreaterThanOrEqual(1);
    await steps.expectTimeline(fridge, [...INSTALLED, 'customer.feedback-given'], 'installed', ['work-order.assigned']);
    await steps.expectWorkOrders(fridge, ['installation done']);
  },

  'a boiler bought a year ago gets its annual gas-safety service: due, booked, done, due again a year on': async () => {
    // in bristol, whose gas-safe technician (T-E2E-BRS-GAS-1) only it books: in london the urgent gas visit
    // of another lifecycle would rightly bump the service visit (work-order.bumped.v1) and change its mails
    const { customer, inbox } = customerOf('mae', {}, 'bristol');
    // its first service is due in five days, inside the plan's 21 days' lead: the sweeper asks at once
    const purchasedAt = new Date(Date.now() - 360 * 86_400_000).toISOString();
    const [boiler] = await sys.buy(sys.order('mae', customer, [item('mae', 'boiler', false)], purchasedAt));
    const due = await sys.eventFor('maintenance.due.v1', (d) => d['applianceId'] === boiler);
    expect(dataOf(due)).toMatchObject({ planId: 'boiler-annual-gas-safety', requiredSkill: 'gas-safe', cycle: 1 });
    const booked = dataOf(
      await sys.eventFor('work-order.assigned.v1', (d) => d['applianceId'] === boiler && d['kind'] === 'maintenance'),
    );
    expect(ROSTER.find((t) => t.technicianId === booked['technicianId'])?.skills).toContain('gas-safe');
    // the registration's mail and the booking's come by different paths (sales → notifications, dispatch →
    // notifications): in either order
    await inbox.next('appliance.registered.v1', 'maintenance.due.v1', 'work-order.assigned.v1');

    const staff = await sys.dispatcher();
    await eventually(
      async () =>
        (await sys.call('GET', 'sales-installation', `appliances/${boiler}/maintenance`, { token: staff })).body,
      (m) => m['status'] === 'visit-booked',
    );
    const plan = (await sys.call('GET', 'sales-installation', `appliances/${boiler}/maintenance`, { token: staff }))
      .body;
    const checklist = (plan.plan.checklist as Data[]).map((c) => ({ item: c['item'], ok: true }));
    const done = await sys.call('POST', 'sales-installation', `maintenance-visits/${booked['workOrderId']}/complete`, {
      token: await steps.technician(booked['technicianId']),
      body: { checklist },
    });
    expect(done.status).toBe(200);
    const nextDue = new Date(done.body.lastCompletedAt);
    nextDue.setUTCFullYear(nextDue.getUTCFullYear() + 1);
    expect(done.body).toMatchObject({ status: 'waiting', cycle: 2, dueAt: nextDue.toISOString() });
    await inbox.next('maintenance.completed.v1');
    const lifecycle = ['appliance.registered', 'maintenance.plan-attached', 'maintenance.due', 'maintenance.completed'];
    await steps.expectTimeline(boiler, lifecycle, 'registered', ['work-order.assigned']);
    await steps.expectWorkOrders(boiler, ['maintenance done']);
  },

  'a covered dishwasher not worth repairing is replaced: proposed, approved, the new unit registered and linked':
    async () => {
      const { customer, inbox } = customerOf('rex', {}, 'manchester');
      const [old] = await sys.buy(sys.order('rex', customer, [item('rex', 'dishwasher', false, { price: 150 })]));
      await inbox.next('appliance.registered.v1');
      const { caseId, technicianId: visitor } = await problemToVisit(old, customer.id, inbox, {
        symptoms: 'Leak protection error',
        errorCode: 'E15',
      });
      const opened = await diagnoseRepair(caseId, visitor, 'dw-leak-protection', inbox);
      const ticketId = opened['ticketId'];
      const proposed = dataOf(await sys.eventFor('repair.replacement-proposed.v1', (d) => d['ticketId'] === ticketId));
      expect(proposed).toMatchObject({ applianceId: old, trigger: 'estimate-share' });
      await waitFor(
        async () => {
          for (const mail of sys.inbox(DISPATCH_TEAM).mails())
            if ((await mailParts(mail)).text.includes(ticketId)) return true;
          return false;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: `the dispatch team told of the proposal for ${ticketId}` },
      );

      const newSerial = serial('rex-new');
      const approved = await sys.call('POST', 'repairs', `tickets/${ticketId}/replacement/approve`, {
        token: await sys.dispatcher(),
        body: { serialNumber: newSerial },
      });
      expect({ status: approved.status, ticket: approved.body.status }).toEqual({ status: 200, ticket: 'replaced' });
      const registered = dataOf(await sys.eventFor('appliance.registered.v1', (d) => d['serialNumber'] === newSerial));
      expect(registered).toMatchObject({
        replaces: { applianceId: old, ticketId },
        warrantyEndsAt: expect.any(String),
      });
      await inbox.next('repair.replacement-approved.v1', 'appliance.registered.v1');
      const staff = await sys.dispatcher();
      const [was, now] = await Promise.all(
        [old, registered['applianceId']].map(
          async (id) => (await sys.call('GET', 'sales-installation', `appliances/${id}`, { token: staff })).body,
        ),
      );
      expect(was).toMatchObject({
        status: 'retired',
        replacedBy: { applianceId: registered['applianceId'], serialNumber: newSerial },
      });
      expect(now).toMatchObject({
        serialNumber: newSerial,
        replaces: { applianceId: old },
        warrantyEndsAt: was.warrantyEndsAt,
      });
      await steps.expectWorkOrders(old, ['diagnostic-visit done', 'repair cancelled']);
    },

  'a built-in oven is installed by an electrician': () => installationOnly('quin', 'built-in-oven', 'electrician'),
  'a gas hob is installed by a gas-safe technician': () => installationOnly('rosa', 'gas-hob', 'gas-safe'),
  'a tumble dryer is installed': () => installationOnly('tia', 'tumble-dryer', 'appliance-general'),
};

const running = new Map<string, Promise<void>>();

// one system for the appliance lifecycles and the library's journeys (its start is the costly part)
beforeAll(() => sys.start(), 300_000);
afterAll(() => sys.stop(), 60_000);

describe('appliance lifecycles end to end', () => {
  beforeAll(() => {
    // independent lifecycles run at once, as customers do; each `it` below reports one of them
    for (const [name, lifecycle] of Object.entries(lifecycles)) {
      const outcome = lifecycle();
      outcome.catch(() => undefined);
      running.set(name, outcome);
    }
  });

  for (const name of Object.keys(lifecycles)) it(name, () => running.get(name) as Promise<void>, 240_000);

  it('takes twenty-five appliances through their lifecycles', async () => {
    await Promise.allSettled(running.values());
    const registered = new Set(
      sys
        .events('appliance.registered.v1', (d) => String(d['serialNumber']).endsWith(sys.run))
        .map((e) => dataOf(e)['applianceId']),
    );
    expect(registered.size).toBeGreaterThanOrEqual(25);
  }, 240_000);

  it('told every customer and every technician exactly what they should, once each', async () => {
    await Promise.allSettled(running.values());
    for (const { customerId, inbox } of customers) {
      const notifications = await sys.settledNotifications(customerId);
      expect(notifications.filter((n) => n['status'] === 'failed')).toEqual([]);
      inbox.expectComplete();
      const email = notifications.filter((n) => n['channel'] === 'email');
      expect(email.map((n) => n['id']).sort()).toEqual(
        inbox
          .mails()
          .map((m) => m.headers['x-notification-id'])
          .sort(),
      );
    }

    // A technician's mails come from several lifecycles running at once, so their order across
    // lifecycles is not guaranteed: they are compared sorted. What each should have received follows
    // from dispatch's decisions (asserted per lifecycle above): one mail per booking, one per booking
    // lost to a decline or a failed/rescheduled visit, one per cancelled repair they held.
    const told = (type: string, d: Data) =>
      type === 'work-order.assigned.v1' ||
      (type === 'work-order.released.v1' && ['reassigned', 'declined', 'source-rescheduled'].includes(d['reason'])) ||
      (type === 'work-order.released.v1' && d['reason'] === 'source-cancelled' && d['kind'] !== 'repair') ||
      (type === 'repair.cancelled.v1' && Boolean(d['technicianId']));
    for (const technician of ROSTER) {
      const expected = ['work-order.assigned.v1', 'work-order.released.v1', 'repair.cancelled.v1']
        .flatMap((type) =>
          sys.events(type, (d) => d['technicianId'] === technician.technicianId && told(type, d)).map(() => type),
        )
        .sort();
      await sys.settledNotifications(technician.technicianId);
      const mails = sys
        .inbox(technician.email)
        .mails()
        .map((m) => m.headers['x-event-type'])
        .sort();
      expect({ technician: technician.technicianId, mails }).toEqual({
        technician: technician.technicianId,
        mails: expected,
      });
    }
    expect(ROSTER.filter((t) => sys.inbox(t.email).mails().length > 0).length).toBeGreaterThanOrEqual(7);

    const ids = sys.smtp.mails.map((m) => m.headers['x-notification-id']);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  }, 240_000);
});

// after the lifecycles, in the same system: items through cataloguing, repair and the bindery
libraryJourneys(sys);

// last, as it stops the services: their logs are complete, the library's work in them too
describe('appliance lifecycles end to end', () => {
  it('wrote no secret to any service log', async () => {
    await Promise.allSettled(running.values());
    // one request per service with a known correlation id: proof that the logs were captured
    const marker = `e2e-log-check-${sys.run}`;
    const dispatcher = await sys.dispatcher();
    for (const service of SERVICES) {
      expect(
        (
          await sys.call('GET', service, 'whoami', {
            token: dispatcher,
            headers: { 'x-correlation-id': `${marker}-${service}` },
          })
        ).status,
      ).toBe(200);
    }
    await sys.services.stop(); // the logs are complete once the processes have exited

    for (const [label, value] of environmentSecrets(process.env)) sys.remember(label, value);
    sys.remember('the JWT secret', sys.jwtSecret);
    for (const service of SERVICES) {
      const log = sys.logOf(service);
      expect({ service, bytes: log.length > 1000 }).toEqual({ service, bytes: true });
      expect({ service, marker: log.includes(`${marker}-${service}`) }).toEqual({ service, marker: true });
    }
    expect([...sys.secrets.values()].filter((label) => label.includes('bearer token')).length).toBeGreaterThan(20);
    expect(sys.leaks()).toEqual([]);
  }, 120_000);
});
