import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { addCalendarMonths } from '@appliance-care/kernel';
import { physicalTopic } from '@appliance-care/messaging';
import { MaintenanceSweeper } from '@appliance-care/sales-installation';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  afterDueOf,
  boilerPurchase,
  boughtYesterday,
  dispatchSays,
  dueAtOf,
  purchaseEvent,
  purchaseTopic,
  requestTimeOf,
} from './maintenance-fixtures';

/** The sweepers run only when the test says (and at the time it says): the timer is far away. */
const start = (env: TestEnv) =>
  startTestService('sales-installation', (c) => AppModule.register(c, { sweepMs: 3_600_000 }), env);

describe('sales-installation: planned maintenance, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;

  beforeAll(async () => {
    env = isolateTestEnv('sales-maintenance');
    svc = await start(env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.salesInstallation)]);
    dispatcher = await tokenFor('dispatcher');
  });

  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /**
   * The appliance's events of a type, each once: the relay publishes at least once (two replicas'
   * relays may both send an outbox entry), consumers drop a repeated event id; "once" is one id.
   */
  const of = (applianceId: string, type: string) => {
    const mine = probe.events(type).filter((e) => (e.data as { applianceId: string }).applianceId === applianceId);
    return mine.filter((e, i) => mine.findIndex((other) => other.id === e.id) === i);
  };
  const waitForEvent = (applianceId: string, type: string, n = 1): Promise<EventEnvelope[]> =>
    waitFor(() => (of(applianceId, type).length >= n ? of(applianceId, type) : undefined), {
      timeoutMs: 60_000,
      what: `${n} × ${type} for ${applianceId}`,
    });
  const maintenance = (applianceId: string, token = dispatcher) =>
    http('GET', `${svc.url}/api/v1/appliances/${applianceId}/maintenance`, { token });
  const sweeperOf = (service: RunningService) => service.app.get(MaintenanceSweeper);
  const complete = (workOrderId: string, token: string, checklist: unknown) =>
    http('POST', `${svc.url}/api/v1/maintenance-visits/${workOrderId}/complete`, { token, body: { checklist } });

  async function registered(tag: string, purchasedAt = boughtYesterday()) {
    const bought = boilerPurchase(tag, purchasedAt);
    await probe.publish(purchaseTopic(), purchaseEvent(bought.order));
    await waitFor(async () => (await maintenance(bought.boilerId)).status === 200 || undefined, {
      timeoutMs: 60_000,
      what: `the boiler of ${bought.order.orderId} registered`,
    });
    return { ...bought, purchasedAt };
  }

  it('attaches the category plan with the registration, due one interval after the purchase', async () => {
    const { boilerId, kettleId, customerId, purchasedAt } = await registered('attach');
    const customer = await tokenFor('customer', { customerId });
    const view = await maintenance(boilerId, customer);
    expect(view.body).toMatchObject({
      status: 'waiting',
      cycle: 1,
      dueAt: dueAtOf(purchasedAt),
      overdue: false,
      plan: { planId: 'boiler-annual-gas-safety', requiredSkill: 'gas-safe', intervalMonths: 12, leadDays: 21 },
    });
    const [attached] = await waitForEvent(boilerId, 'maintenance.plan-attached.v1');
    expect(attached.data).toMatchObject({ attachedBy: 'registration', dueAt: dueAtOf(purchasedAt), customerId });
    expect((await maintenance(kettleId, customer)).body).toMatchObject({ status: 'none', visits: [] });
  });

  it('requests the visit once across a restart and once when two sweepers race; flags it overdue once', async () => {
    const { boilerId, purchasedAt } = await registered('sweep');
    const early = new Date(Date.parse(requestTimeOf(purchasedAt).toISOString()) - 2 * 86_400_000);
    await sweeperOf(svc).sweep(early);
    await sweeperOf(svc).sweep(requestTimeOf(purchasedAt));
    const [due] = await waitForEvent(boilerId, 'maintenance.due.v1');
    expect(due.data).toMatchObject({
      cycle: 1,
      attempt: 1,
      dueAt: dueAtOf(purchasedAt),
      requiredSkill: 'gas-safe',
      durationMinutes: 90,
      region: 'london',
      preferredWindow: { from: requestTimeOf(purchasedAt).toISOString() },
    });
    expect((due.data as { checklist: string[] }).checklist).toContain('flue-gas-analysis');

    // a restart: a new instance on the same store finds the visit requested
    await svc.close();
    svc = await start(env);
    await sweeperOf(svc).sweep(new Date(requestTimeOf(purchasedAt).getTime() + 3_600_000));

    // two replicas racing past the due date: one overdue notice, no second request
    const second = await start(env);
    try {
      await Promise.all([
        sweeperOf(svc).sweep(afterDueOf(purchasedAt)),
        sweeperOf(second).sweep(afterDueOf(purchasedAt)),
      ]);
      await Promise.all([
        sweeperOf(svc).sweep(afterDueOf(purchasedAt)),
        sweeperOf(second).sweep(afterDueOf(purchasedAt)),
      ]);
    } finally {
      await second.close();
    }
    const [overdue] = await waitForEvent(boilerId, 'maintenance.overdue.v1');
    expect(overdue.data).toMatchObject({ cycle: 1, dueAt: dueAtOf(purchasedAt), region: 'london' });
    expect((await maintenance(boilerId)).body).toMatchObject({ status: 'visit-requested', overdue: true });

    const plan = await http('PUT', `${svc.url}/api/v1/appliances/${boilerId}/maintenance-plan`, {
      token: dispatcher,
      body: { planId: 'heat-pump-annual' },
    });
    expect(plan.status).toBe(409);
    await dispatchSays(probe, 'work-order.cancelled.v1', due, 'T-none');
    await waitFor(async () => ((await maintenance(boilerId)).body.status === 'waiting' ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the cancelled visit to leave the cycle due again',
    });
    // the request after the cancellation is written after every earlier event of the appliance (one
    // document's outbox, one key, one partition): when it has arrived, so has any duplicate before it
    await sweeperOf(svc).sweep(afterDueOf(purchasedAt));
    const requests = await waitForEvent(boilerId, 'maintenance.due.v1', 2);
    expect(requests.map((e) => (e.data as { attempt: number }).attempt)).toEqual([1, 2]);
    expect((requests[1].data as { priority: string }).priority).toBe('high');
    expect(of(boilerId, 'maintenance.overdue.v1')).toHaveLength(1);
  });

  it('records the booking; the booked technician completes it with every item, and the next cycle is due a year on', async () => {
    const { boilerId, customerId, purchasedAt } = await registered('complete');
    await sweeperOf(svc).sweep(requestTimeOf(purchasedAt));
    const [due] = await waitForEvent(boilerId, 'maintenance.due.v1');
    const workOrderId = await dispatchSays(probe, 'work-order.assigned.v1', due, 'T-LDN-001');
    await waitFor(async () => ((await maintenance(boilerId)).body.status === 'visit-booked' ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the booking recorded',
    });
    const items = ((await maintenance(boilerId)).body.plan.checklist as { item: string }[]).map((c) => c.item);
    const answers = items.map((item) => ({ item, ok: item !== 'co-alarm-checked', note: 'checked' }));
    const booked = await tokenFor('technician', { technicianId: 'T-LDN-001' });
    const other = await tokenFor('technician', { technicianId: 'T-LDN-002' });

    expect((await maintenance(boilerId, booked)).status).toBe(200);
    expect((await maintenance(boilerId, other)).status).toBe(404);
    expect((await complete(workOrderId, other, answers)).status).toBe(404);
    expect((await complete('WO-maintenance-unknown-1', booked, answers)).status).toBe(404);
    const incomplete = await complete(workOrderId, booked, answers.slice(1));
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors).toEqual([{ field: 'checklist', message: `items not answered: ${items[0]}` }]);
    const unknown = await complete(workOrderId, booked, [...answers, { item: 'sky-colour', ok: true }]);
    expect(unknown.body.errors[0].field).toBe(`checklist.${answers.length}.item`);

    const done = await complete(workOrderId, booked, answers);
    expect(done.status).toBe(200);
    const completedAt = done.body.lastCompletedAt as string;
    expect(done.body).toMatchObject({
      status: 'waiting',
      cycle: 2,
      dueAt: addCalendarMonths(completedAt, 12),
      overdue: false,
    });
    expect(done.body.visits).toEqual([
      { cycle: 1, workOrderId, technicianId: 'T-LDN-001', completedAt, checklist: answers },
    ]);
    const [completed] = await waitForEvent(boilerId, 'maintenance.completed.v1');
    expect(completed.data).toMatchObject({
      customerId,
      workOrderId,
      cycle: 1,
      checklist: answers,
      nextDueAt: addCalendarMonths(completedAt, 12),
    });
    expect((await complete(workOrderId, booked, answers)).status).toBe(404);
  });

  it('stops the visits while the customer is opted out, and only the owner may opt out', async () => {
    const { boilerId, customerId, purchasedAt } = await registered('opt');
    const owner = await tokenFor('customer', { customerId });
    const stranger = await tokenFor('customer', { customerId: 'C-someone-else' });
    const optOut = (token: string) =>
      http('POST', `${svc.url}/api/v1/appliances/${boilerId}/maintenance/opt-out`, { token });
    expect((await optOut(stranger)).status).toBe(404);
    expect((await maintenance(boilerId, stranger)).status).toBe(404);
    const technician = await tokenFor('technician', { technicianId: 'T-LDN-001' });
    expect((await optOut(technician)).status).toBe(403);
    expect((await optOut(owner)).body).toMatchObject({ status: 'opted-out' });
    await waitForEvent(boilerId, 'maintenance.opted-out.v1');

    await sweeperOf(svc).sweep(afterDueOf(purchasedAt));
    const back = await http('POST', `${svc.url}/api/v1/appliances/${boilerId}/maintenance/opt-in`, { token: owner });
    expect(back.body).toMatchObject({ status: 'waiting', dueAt: dueAtOf(purchasedAt) });
    await waitForEvent(boilerId, 'maintenance.opted-in.v1');
    expect(of(boilerId, 'maintenance.due.v1')).toEqual([]);
    expect(of(boilerId, 'maintenance.overdue.v1')).toEqual([]);

    // opted in again: the sweeper asks for the visit, and opting out is refused while it is requested
    await sweeperOf(svc).sweep(requestTimeOf(purchasedAt));
    await waitForEvent(boilerId, 'maintenance.due.v1');
    const refused = await optOut(owner);
    expect(refused.status).toBe(409);
    expect(refused.body.currentState).toBe('visit-requested');
  });

  it('lets staff attach a plan to an existing appliance, answering bad input, strangers and unknowns', async () => {
    const { kettleId, customerId } = await registered('attach-rest');
    const put = (id: string, body: unknown, token = dispatcher) =>
      http('PUT', `${svc.url}/api/v1/appliances/${id}/maintenance-plan`, { token, body });
    const customer = await tokenFor('customer', { customerId });

    const unknownPlan = await put(kettleId, { planId: 'no-such-plan' });
    expect(unknownPlan.status).toBe(400);
    expect(unknownPlan.body.errors[0].field).toBe('planId');
    expect((await put(kettleId, {})).body.errors[0].field).toBe('planId');
    expect((await put(kettleId, { planId: 'air-conditioner-filter-6m' }, customer)).status).toBe(403);
    expect((await put('A-no-such-appliance', { planId: 'air-conditioner-filter-6m' })).status).toBe(404);
    expect((await maintenance('A-no-such-appliance')).status).toBe(404);
    expect(
      (await http('POST', `${svc.url}/api/v1/appliances/${kettleId}/maintenance/opt-out`, { token: customer })).status,
    ).toBe(404);

    const attached = await put(kettleId, { planId: 'air-conditioner-filter-6m' });
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({
      status: 'waiting',
      cycle: 1,
      plan: { intervalMonths: 6, requiredSkill: 'hvac' },
    });
    const [event] = await waitForEvent(kettleId, 'maintenance.plan-attached.v1');
    expect(event.data).toMatchObject({
      attachedBy: 'dispatcher',
      planId: 'air-conditioner-filter-6m',
      intervalMonths: 6,
    });
    expect((await maintenance(kettleId, customer)).body.plan.planId).toBe('air-conditioner-filter-6m');
  });
});
