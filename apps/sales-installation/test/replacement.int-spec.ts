import { createEvent, dlqTopic, EventEnvelope, RepairReplacementApproved, Topics } from '@appliance-care/contracts';
import { EventFactory, physicalTopic } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';
import {
  applianceIdFor,
  ApplianceRepository,
  CustomerRepository,
  InstallationCatalogue,
  InstallationRepository,
  MaintenancePlanCatalogue,
  ReplaceAppliance,
  ReplacementRepository,
  SerialClaims,
} from '@appliance-care/sales-installation';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import {
  customerOf,
  isolateTestEnv,
  KafkaProbe,
  purchaseOf,
  TestEnv,
  waitFor,
  washingMachineLine,
} from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { purchaseEvent } from './sales-fixtures';

let n = 0;
const tag = () => `${Date.now().toString(36)}-${++n}`;

/** repairs' stand-in: a dispatcher approved the warranty replacement of the appliance */
const approval = (applianceId: string, customerId: string, over: Partial<RepairReplacementApproved> = {}) =>
  createEvent({
    type: 'repair.replacement-approved.v1',
    source: '/appliance-care/repairs',
    subject: applianceId,
    data: {
      ticketId: `RT-CASE-${tag()}`,
      applianceId,
      customerId,
      approvedAt: '2026-12-01T10:00:00.000Z',
      approvedBy: 'dispatcher-1',
      trigger: 'estimate-share',
      reason: "estimate 300 is 75% of the appliance's price 400 (limit 60%)",
      ...over,
    },
  }) as EventEnvelope<RepairReplacementApproved>;

describe('sales-installation: warranty replacement through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let staff: string;
  const salesEvents = () => physicalTopic(Topics.salesInstallation);

  beforeAll(async () => {
    env = isolateTestEnv('sales-replacement');
    svc = await startTestService('sales-installation', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([salesEvents(), physicalTopic(Topics.repairs), dlqTopic(physicalTopic(Topics.repairs))]);
    staff = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const appliance = async (id: string) =>
    (await http('GET', `${svc.url}/api/v1/appliances/${id}`, { token: staff })).body;
  const eventsAbout = (type: string, applianceId: string) =>
    probe.events(type).filter((e) => (e.data as { applianceId: string }).applianceId === applianceId);

  /** Waits until the service's consumer group committed past the event: it was handled (the one before it too). */
  async function handled(eventId: string): Promise<void> {
    const topic = physicalTopic(Topics.repairs);
    const [sent] = await waitFor(() => {
      const found = probe.on(topic).filter((m) => m.headers['ce_id'] === eventId);
      return found.length ? found : undefined;
    });
    const admin = probe.kafka.admin();
    await admin.connect();
    try {
      const groupId = `${env.topicPrefix}appliance-care.sales-installation`;
      await waitFor(
        async () => {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const partition = committed?.partitions.find((p) => p.partition === sent!.partition);
          return Number(partition?.offset ?? -1) > Number(sent!.offset);
        },
        { what: `the consumer group past ${eventId}` },
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** A purchased washing machine (to install, 24 months, price 400), registered. */
  async function purchased(over: Parameters<typeof washingMachineLine>[1] = {}) {
    const t = tag();
    const order = purchaseOf(`ORD-RMA-${t}`, customerOf(`C-RMA-${t}`), [
      washingMachineLine(`WM-RMA-${t}`, { price: 400, ...over }),
    ]);
    order.purchasedAt = '2026-03-15T09:00:00.000Z';
    await probe.publish(physicalTopic(Topics.purchases), purchaseEvent(order));
    const applianceId = applianceIdFor(order.items[0]!.serialNumber);
    await waitFor(async () => (await appliance(applianceId))?.applianceId === applianceId, { what: 'the purchase' });
    return { applianceId, serialNumber: order.items[0]!.serialNumber, customerId: order.customer.id };
  }

  it('retires the old appliance, registers the linked replacement with the continued warranty and books its installation', async () => {
    const old = await purchased();
    const approved = approval(old.applianceId, old.customerId, { replacementSerialNumber: `NEW-${tag()}` });
    await probe.publish(physicalTopic(Topics.repairs), approved);
    const newId = applianceIdFor(approved.data.replacementSerialNumber!);

    const [registered] = await probe.waitForEvents('appliance.registered.v1', 1, 30_000, (e) => e.subject === newId);
    expect(registered!.data).toMatchObject({
      serialNumber: approved.data.replacementSerialNumber,
      customerId: old.customerId,
      price: 400,
      warrantyMonths: 24,
      warrantyEndsAt: '2028-03-15T09:00:00.000Z',
      installationRequired: true,
      replaces: { applianceId: old.applianceId, serialNumber: old.serialNumber, ticketId: approved.data.ticketId },
    });
    const [retired] = await probe.waitForEvents(
      'appliance.retired.v1',
      1,
      30_000,
      (e) => e.subject === old.applianceId,
    );
    expect(retired!.data).toMatchObject({
      reason: 'replaced',
      replacedBy: { applianceId: newId, serialNumber: approved.data.replacementSerialNumber },
    });
    const [requested] = await probe.waitForEvents('installation.requested.v1', 1, 30_000, (e) => e.subject === newId);
    expect(requested!.data).toMatchObject({
      applianceId: newId,
      category: 'washing-machine',
      attempt: 1,
      region: 'london',
    });

    // both ends of the link, as the API shows them
    await waitFor(async () => (await appliance(old.applianceId)).status === 'retired', { what: 'the old one retired' });
    expect(await appliance(old.applianceId)).toMatchObject({ status: 'retired', replacedBy: { applianceId: newId } });
    expect(await appliance(newId)).toMatchObject({
      status: 'registered',
      replaces: { applianceId: old.applianceId },
      warrantyStatus: 'in-warranty',
    });
    // the old serial stays taken: a purchase that names it again is refused
    const again = purchaseOf(`ORD-AGAIN-${tag()}`, customerOf(old.customerId), [washingMachineLine(old.serialNumber)]);
    const res = await http('POST', `${svc.url}/api/v1/purchases`, {
      token: await tokenFor('sales-system'),
      body: again,
    });
    expect(res.status).toBe(409);
  });

  it("starts the replacement boiler on its own maintenance cycle; the old one's schedule and outbox stay behind", async () => {
    const old = await purchased({ category: 'boiler', sku: `BOILER-${tag()}` });
    await probe.waitForEvents('maintenance.plan-attached.v1', 1, 30_000, (e) => e.subject === old.applianceId);
    const approved = approval(old.applianceId, old.customerId, { replacementSerialNumber: `NEW-B-${tag()}` });
    await probe.publish(physicalTopic(Topics.repairs), approved);
    const newId = applianceIdFor(approved.data.replacementSerialNumber!);

    const [attached] = await probe.waitForEvents('maintenance.plan-attached.v1', 1, 30_000, (e) => e.subject === newId);
    expect(attached!.data).toMatchObject({
      applianceId: newId,
      planId: 'boiler-annual-gas-safety',
      attachedAt: approved.data.approvedAt,
      dueAt: '2027-12-01T10:00:00.000Z',
    });
    await probe.waitForEvents('appliance.retired.v1', 1, 30_000, (e) => e.subject === old.applianceId);
    await handled(approved.id);
    // the replacement's document did not take the old one's outbox with it: nothing of the old one twice
    expect(eventsAbout('appliance.registered.v1', old.applianceId)).toHaveLength(1);
    expect(eventsAbout('maintenance.plan-attached.v1', old.applianceId)).toHaveLength(1);
    const view = (await http('GET', `${svc.url}/api/v1/appliances/${newId}/maintenance`, { token: staff })).body;
    expect(view).toMatchObject({ dueAt: '2027-12-01T10:00:00.000Z', cycle: 1, visits: [] });
  });

  it('gives a placeholder serial RMA-<old serial> when the dispatcher named none, and a redelivered approval does nothing twice', async () => {
    const old = await purchased({ installation: { required: false } });
    const approved = approval(old.applianceId, old.customerId);
    await probe.publish(physicalTopic(Topics.repairs), approved);
    const newId = applianceIdFor(`RMA-${old.serialNumber}`);
    await probe.waitForEvents('appliance.retired.v1', 1, 30_000, (e) => e.subject === old.applianceId);

    // the same event again (the inbox) and the same approval under a new id (the use case's own idempotency)
    await probe.publish(physicalTopic(Topics.repairs), approved);
    const copy = approval(old.applianceId, old.customerId, { ticketId: approved.data.ticketId });
    await probe.publish(physicalTopic(Topics.repairs), copy);
    await handled(copy.id);
    await expect(svc.app.get(ReplaceAppliance).execute(copy.data)).resolves.toBe('duplicate');
    const mine = (await http('GET', `${svc.url}/api/v1/appliances?customerId=${old.customerId}`, { token: staff }))
      .body;
    expect(mine.items.map((a: { applianceId: string }) => a.applianceId).sort()).toEqual(
      [old.applianceId, newId].sort(),
    );
    expect(eventsAbout('appliance.registered.v1', newId)).toHaveLength(1);
    expect(eventsAbout('appliance.retired.v1', old.applianceId)).toHaveLength(1);
    // no installation for a category bought without one
    expect(eventsAbout('installation.requested.v1', newId)).toHaveLength(0);
  });

  it('restarts the warranty from the replacement date under the restart rule (RMA_WARRANTY=restart)', async () => {
    const get = <T>(type: new (...args: never[]) => T): T => svc.app.get(type);
    const restarting = new ReplaceAppliance(
      get(ApplianceRepository),
      get(CustomerRepository),
      get(InstallationRepository),
      get(ReplacementRepository),
      get(SerialClaims),
      get(EventFactory),
      svc.app.get(InstallationCatalogue),
      'restart',
      svc.app.get(MaintenancePlanCatalogue),
    );
    const old = await purchased({ installation: { required: false } });
    // as a handler would: inside the cause's correlation
    const done = Correlation.runJob(() => restarting.execute(approval(old.applianceId, old.customerId).data));
    await expect(done).resolves.toBe('replaced');
    expect(await appliance(applianceIdFor(`RMA-${old.serialNumber}`))).toMatchObject({
      warrantyMonths: 24,
      warrantyEndsAt: '2028-12-01T10:00:00.000Z',
      replaces: { applianceId: old.applianceId },
    });
  });
});
