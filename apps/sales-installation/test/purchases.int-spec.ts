import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { dlqTopic, EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import {
  APPLIANCE_MODEL,
  ApplianceDocument,
  applianceIdFor,
  InstallationCatalogue,
  installationIdFor,
  planPurchase,
} from '@appliance-care/sales-installation';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { purchase, purchaseEvent } from './sales-fixtures';

describe('sales-installation: purchases in, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let purchases: string;
  let events: string;
  let sales: string;

  beforeAll(async () => {
    env = isolateTestEnv('sales-purchases');
    purchases = physicalTopic(Topics.purchases);
    events = physicalTopic(Topics.salesInstallation);
    svc = await startTestService('sales-installation', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([events, dlqTopic(purchases)]);
    sales = await tokenFor('sales-system');
  });

  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /** Events about one order: its customer, its appliances and their installations. */
  const eventsOf = (order: { customer: { id: string } }) =>
    probe.events().filter((e) => (e.data as { customerId?: string }).customerId === order.customer.id);
  const count = (list: EventEnvelope[], type: string) => list.filter((e) => e.type === type).length;
  const waitForOrder = (order: { customer: { id: string } }, installations = 2) =>
    waitFor(
      () => {
        const mine = eventsOf(order);
        return (
          count(mine, 'installation.requested.v1') >= installations &&
          count(mine, 'appliance.registered.v1') >= 3 &&
          mine
        );
      },
      { timeoutMs: 60_000, what: 'the order’s events' },
    );

  it('turns a purchase of 3 items (2 to install) into exactly the right events, once each', async () => {
    const order = purchase('three');
    const cause = purchaseEvent(order);
    await probe.publish(purchases, cause);
    await waitForOrder(order);
    // a later purchase through the same path: once its events are out, the first order's are all out too
    const sentinel = purchase('sentinel');
    await probe.publish(purchases, purchaseEvent(sentinel));
    await waitForOrder(sentinel);

    const mine = eventsOf(order);
    expect(mine.map((e) => e.type).sort()).toEqual([
      'appliance.registered.v1',
      'appliance.registered.v1',
      'appliance.registered.v1',
      'customer.registered.v1',
      'installation.requested.v1',
      'installation.requested.v1',
    ]);
    expect(new Set(mine.map((e) => e.id)).size).toBe(6);
    for (const e of mine)
      expect(e).toMatchObject({
        correlationid: cause.correlationid,
        causationid: cause.id,
        source: '/appliance-care/sales-installation',
      });

    const [wm, gh, kt] = order.items.map((i) => applianceIdFor(i.serialNumber));
    expect(mine.find((e) => e.type === 'customer.registered.v1')?.data).toMatchObject({
      customerId: order.customer.id,
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: '+441632960961',
      locale: 'en-GB',
      region: 'london',
      address: { city: 'London', region: 'london' },
      updated: false,
    });
    const washer = mine.find((e) => e.type === 'appliance.registered.v1' && e.subject === wm);
    // 31 January + 1 month: the end of February
    expect(washer?.data).toMatchObject({
      applianceId: wm,
      serialNumber: order.items[0].serialNumber,
      category: 'washing-machine',
      orderId: order.orderId,
      warrantyEndsAt: '2026-02-28T10:15:00.000Z',
      installationRequired: true,
      region: 'london',
    });
    expect(mine.find((e) => e.subject === kt)?.data).toMatchObject({
      installationRequired: false,
      warrantyEndsAt: '2027-01-31T10:15:00.000Z',
    });
    const requests = mine.filter((e) => e.type === 'installation.requested.v1');
    expect(requests.find((e) => e.subject === wm)?.data).toMatchObject({
      installationId: installationIdFor(wm),
      requiredSkill: 'appliance-general',
      durationMinutes: 60,
      region: 'london',
      attempt: 1,
      priority: 'normal',
      preferredWindow: { from: '2026-02-03T08:00:00Z', to: '2026-02-03T12:00:00Z' },
      address: { postalCode: 'SW1Y 4JH' },
    });
    expect(requests.find((e) => e.subject === gh)?.data).toMatchObject({
      requiredSkill: 'gas-safe',
      durationMinutes: 120,
    });
    // keyed by appliance, registration before the installation request
    const raw = probe.on(events).filter((m) => m.event?.subject === gh);
    expect(raw.map((m) => [m.key, m.event?.type])).toEqual([
      [gh, 'appliance.registered.v1'],
      [gh, 'installation.requested.v1'],
    ]);

    const token = await tokenFor('customer', { customerId: order.customer.id });
    const appliance = await http('GET', `${svc.url}/api/v1/appliances/${wm}`, { token });
    expect(appliance.status).toBe(200);
    expect(appliance.body).toMatchObject({
      applianceId: wm,
      warrantyEndsAt: '2026-02-28T10:15:00.000Z',
      installationId: installationIdFor(wm),
      customerId: order.customer.id,
    });
  });

  it('processes the same order once, however often and in whichever mode it arrives', async () => {
    const order = purchase('thrice');
    const first = purchaseEvent(order);
    await probe.publish(purchases, first);
    await probe.publish(purchases, first, 'structured');
    await probe.publish(purchases, purchaseEvent(order)); // resent by the sales system under a new event id
    await waitForOrder(order);
    const sentinel = purchase('after-thrice');
    await probe.publish(purchases, purchaseEvent(sentinel), 'binary', order.orderId);
    await waitForOrder(sentinel);

    expect(eventsOf(order)).toHaveLength(6);
    const token = await tokenFor('dispatcher');
    const list = await http('GET', `${svc.url}/api/v1/appliances?customerId=${order.customer.id}`, { token });
    expect(list.body.items.map((a: { serialNumber: string }) => a.serialNumber).sort()).toEqual(
      order.items.map((i) => i.serialNumber).sort(),
    );
  });

  it('accepts binary and structured CloudEvents alike', async () => {
    const binary = purchase('binary');
    const structured = purchase('structured');
    await probe.publish(purchases, purchaseEvent(binary), 'binary');
    await probe.publish(purchases, purchaseEvent(structured), 'structured');
    await waitForOrder(binary);
    await waitForOrder(structured);
    expect(eventsOf(structured).find((e) => e.type === 'customer.registered.v1')?.data).toMatchObject({
      customerId: structured.customer.id,
    });
  });

  it('dead-letters a malformed purchase and a duplicate serial with reasons, and goes on with the next', async () => {
    const owner = purchase('owner');
    await probe.publish(purchases, purchaseEvent(owner));
    await waitForOrder(owner);

    const key = `shared-partition-${env.suffix}`;
    const malformed = purchase('malformed') as any;
    delete malformed.items[0].serialNumber;
    malformed.items[1].warrantyMonths = 500;
    const thief = purchase('thief');
    thief.items[2].serialNumber = owner.items[2].serialNumber;
    const next = purchase('next');
    const ce = (id: string) => ({
      ce_type: 'sales.purchase.recorded.v1',
      ce_specversion: '1.0',
      ce_id: `${id}-${env.suffix}`,
      ce_source: '/test',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
    });
    await probe.publishRaw(purchases, key, '{"orderId": broken', ce('bad-json'));
    await probe.publishRaw(purchases, key, JSON.stringify(malformed), ce('malformed'));
    await probe.publish(purchases, purchaseEvent(thief), 'structured', key);
    await probe.publish(purchases, purchaseEvent(next), 'binary', key);

    await waitForOrder(next);
    const dead = await waitFor(
      () => {
        const mine = probe.on(dlqTopic(purchases)).filter((m) => m.key === key);
        return mine.length >= 3 && mine;
      },
      { what: '3 dead letters' },
    );
    expect(dead.map((m) => m.headers['x-error-code'])).toEqual([
      'unparseable',
      'schema-violation',
      'serial-already-registered',
    ]);
    expect(dead[1].headers['x-error-message']).toMatch(/items\.0\.serialNumber/);
    expect(dead[1].headers['x-error-message']).toMatch(/items\.1\.warrantyMonths/);
    expect(dead[2].headers['x-error-message']).toBe(
      `serial ${owner.items[2].serialNumber} is already registered under order ${owner.orderId}`,
    );
    for (const m of dead) {
      expect(m.headers).toMatchObject({
        'x-original-topic': purchases,
        'x-consumer-group': `${env.topicPrefix}appliance-care.sales-installation`,
      });
      expect(m.headers['x-original-offset']).toMatch(/^\d+$/);
    }
    // the rejected order left nothing behind: its other serials are free for a corrected order
    expect(eventsOf(thief)).toHaveLength(0);
    const corrected = { ...thief, orderId: `${thief.orderId}-B`, items: thief.items.slice(0, 2) };
    await probe.publish(purchases, purchaseEvent(corrected));
    await waitFor(() => count(eventsOf(corrected), 'installation.requested.v1') === 2, { what: 'the corrected order' });
  });

  it('takes purchases by REST with Idempotency-Key: same key and body, same answer; other body, 422', async () => {
    const order = purchase('rest');
    const key = `idem-${env.suffix}`;
    const first = await http('POST', `${svc.url}/api/v1/purchases`, {
      token: sales,
      body: order,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ orderId: order.orderId, status: 'accepted', customerId: order.customer.id });
    expect(first.body.appliances).toHaveLength(3);
    expect(first.body.appliances.filter((a: { installationId?: string }) => a.installationId)).toHaveLength(2);

    const again = await http('POST', `${svc.url}/api/v1/purchases`, {
      token: sales,
      body: order,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const other = await http('POST', `${svc.url}/api/v1/purchases`, {
      token: sales,
      body: { ...order, storeId: 'ST-999' },
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.detail).toMatch(/Idempotency-Key .* different request body/);

    // without a key, the order id alone keeps it once
    const noKey = await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: order });
    expect(noKey.status).toBe(202);
    expect(noKey.body).toEqual(first.body);
    const changed = await http('POST', `${svc.url}/api/v1/purchases`, {
      token: sales,
      body: { ...order, storeId: 'ST-999' },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('order-conflict');

    await waitForOrder(order);
    const sentinel = purchase('rest-sentinel');
    expect((await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: sentinel })).status).toBe(202);
    await waitForOrder(sentinel);
    expect(eventsOf(order)).toHaveLength(6);
    // caused by the first REST call: its request id is their causation (SPEC §4)
    for (const e of eventsOf(order))
      expect(e).toMatchObject({
        causationid: first.headers.get('x-request-id'),
        correlationid: first.headers.get('x-correlation-id'),
      });
  });

  it('answers REST mistakes with problem+json: 400 naming the field, 409 for a taken serial, 403 for the wrong role', async () => {
    const owner = purchase('rest-owner');
    expect((await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: owner })).status).toBe(202);

    const bad = purchase('rest-bad') as any;
    bad.items[0].warrantyMonths = 121;
    bad.customer.nickname = 'Ada';
    const invalid = await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: bad });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['items.0.warrantyMonths', 'customer']),
    );
    const noAddress = purchase('rest-no-address');
    delete noAddress.customer.address;
    const missing = await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: noAddress });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'customer.address' })]);
    expect((await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: '{"orderId":' })).status).toBe(400);

    const thief = purchase('rest-thief');
    thief.items[0].serialNumber = owner.items[0].serialNumber;
    const taken = await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: thief });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      code: 'serial-already-registered',
      detail: `serial ${owner.items[0].serialNumber} is already registered under order ${owner.orderId}`,
    });

    const asCustomer = await http('POST', `${svc.url}/api/v1/purchases`, {
      token: await tokenFor('customer', { customerId: 'C-1' }),
      body: purchase('rest-role'),
    });
    expect(asCustomer.status).toBe(403);
  });

  it('shows a customer only their own appliances', async () => {
    const order = purchase('queries');
    expect((await http('POST', `${svc.url}/api/v1/purchases`, { token: sales, body: order })).status).toBe(202);
    const applianceId = applianceIdFor(order.items[0].serialNumber);
    const own = await tokenFor('customer', { customerId: order.customer.id });
    const stranger = await tokenFor('customer', { customerId: 'C-someone-else' });

    expect(
      (await http('GET', `${svc.url}/api/v1/appliances/${applianceId}`, { token: own })).body.warrantyStatus,
    ).toBeDefined();
    expect((await http('GET', `${svc.url}/api/v1/appliances/${applianceId}`, { token: stranger })).status).toBe(404);
    const mine = await http('GET', `${svc.url}/api/v1/appliances`, { token: own });
    expect(mine.body.items).toHaveLength(3);
    const bySerial = await http('GET', `${svc.url}/api/v1/appliances?serialNumber=${order.items[1].serialNumber}`, {
      token: own,
    });
    expect(bySerial.body.items.map((a: { applianceId: string }) => a.applianceId)).toEqual([
      applianceIdFor(order.items[1].serialNumber),
    ]);
    expect(
      (
        await http('GET', `${svc.url}/api/v1/appliances?serialNumber=${order.items[1].serialNumber}`, {
          token: stranger,
        })
      ).body.items,
    ).toEqual([]);
    expect(
      (await http('GET', `${svc.url}/api/v1/appliances?customerId=${order.customer.id}`, { token: stranger })).status,
    ).toBe(403);
    expect(
      (
        await http('GET', `${svc.url}/api/v1/appliances?serialNumber=${order.items[1].serialNumber}`, {
          token: await tokenFor('dispatcher'),
        })
      ).body.items,
    ).toHaveLength(1);
    expect(
      (await http('GET', `${svc.url}/api/v1/appliances/APL-NOPE`, { token: await tokenFor('dispatcher') })).status,
    ).toBe(404);
  });

  it('converges after a crash between claiming serials and committing the order, and frees serials of abandoned orders', async () => {
    const appliances = svc.app.get<Model<ApplianceDocument>>(getModelToken(APPLIANCE_MODEL));
    const order = purchase('crashed');
    // what a first attempt leaves when it dies before the order document: its claims, pending
    const plan = planPurchase(order, InstallationCatalogue.load());
    const claimedAt = new Date();
    await appliances.collection.insertMany(
      plan.appliances.slice(0, 2).map(({ applianceId, ...a }) => ({
        _id: applianceId,
        ...JSON.parse(JSON.stringify(a)),
        status: 'pending',
        claimedAt,
      })) as never[],
    );
    // and a serial held by an order that never committed, long ago
    const abandoned = order.items[2];
    await appliances.collection.insertOne({
      _id: applianceIdFor(abandoned.serialNumber),
      serialNumber: abandoned.serialNumber,
      orderId: 'ORD-GAVE-UP',
      customerId: 'C-X',
      status: 'pending',
      claimedAt: new Date(Date.now() - 3_600_000),
    } as never);
    const dispatcherToken = await tokenFor('dispatcher');
    expect(
      (await http('GET', `${svc.url}/api/v1/appliances/${plan.appliances[0].applianceId}`, { token: dispatcherToken }))
        .status,
    ).toBe(404);

    await probe.publish(purchases, purchaseEvent(order));
    await waitForOrder(order);
    const sentinel = purchase('crash-sentinel');
    await probe.publish(purchases, purchaseEvent(sentinel), 'binary', order.orderId);
    await waitForOrder(sentinel);
    expect(eventsOf(order)).toHaveLength(6);
    const list = await http('GET', `${svc.url}/api/v1/appliances?customerId=${order.customer.id}`, {
      token: dispatcherToken,
    });
    expect(list.body.items.map((a: { orderId: string }) => a.orderId)).toEqual([
      order.orderId,
      order.orderId,
      order.orderId,
    ]);
  });

  it('updates a returning customer from a later purchase, keeping what it leaves out', async () => {
    const first = purchase('returning');
    await probe.publish(purchases, purchaseEvent(first));
    await waitForOrder(first);
    const later = purchase('returning-again', { purchasedAt: '2026-03-01T09:00:00Z' });
    later.customer = { ...first.customer, email: 'ada@new.example.org', phone: undefined, locale: 'fr-FR' };
    await probe.publish(purchases, purchaseEvent(later));
    const update = await waitFor(
      () =>
        eventsOf(first).find((e) => e.type === 'customer.registered.v1' && (e.data as { updated?: boolean }).updated),
      { what: 'the customer update' },
    );
    expect(update.data).toMatchObject({
      customerId: first.customer.id,
      email: 'ada@new.example.org',
      phone: '+441632960961',
      locale: 'fr-FR',
      registeredAt: first.purchasedAt,
      updated: true,
    });
  });

  it('gave every event it produced a correlationid and a causationid (SPEC §4)', () => {
    expect(Object.keys(probe.producedTypes('/appliance-care/sales-installation'))).toEqual(
      expect.arrayContaining(['customer.registered.v1', 'appliance.registered.v1', 'installation.requested.v1']),
    );
    expect(probe.withoutCorrelationOrCause('/appliance-care/sales-installation')).toEqual([]);
  });
});
