import os from 'node:os';
import path from 'node:path';

import { EventData, EventEnvelope, EventType, ServiceSubscriptions, Topics } from '@appliance-care/contracts';
import { matchRules } from '@appliance-care/notification-rules';
import { http, tokenFor } from '@appliance-care/service-testing';
import {
  isolateTestEnv,
  KafkaProbe,
  ROOT,
  ServiceInstance,
  SmtpSink,
  testDatabase,
  TestEnv,
  uniqueSuffix,
  waitFor,
} from '@appliance-care/testing';

import {
  dispatchAnswers,
  distinctInOrder,
  groupMembers,
  purchase,
  purchaseEvent,
  technicianRegistered,
} from './support/two-instances.fixtures';

const SERVICES = ['sales-installation', 'notifications', 'portal'] as const;
type Svc = (typeof SERVICES)[number];
const CUSTOMERS = 20;
const PURCHASES = 60;
/** the instance of each service killed with SIGKILL while it works */
const VICTIM: Record<Svc, number> = { 'sales-installation': 2, notifications: 1, portal: 2 };
/** NOTIFY_CONCURRENCY: the most mails accepted by SMTP and not yet recorded as sent at once, per instance */
const CONCURRENCY = 8;
/** purchases published and not yet registered, at most */
const IN_FLIGHT = 8;

/**
 * Two instances each of sales-installation, notifications and portal as their own processes (as
 * `npm start -- --instances 2` runs them), one consumer group per service, the real broker, store and
 * an SMTP server; the test stands in for the sales system and dispatch. 60 purchases of 20 customers;
 * one instance of each service is SIGKILLed while it works and a replacement started. Every appliance
 * is registered and its installation requested and scheduled once, every notification the rules ask
 * for is planned once and delivered, and every appliance's portal timeline holds each event once,
 * in the order of its appliance key.
 */
describe('two instances of sales-installation, notifications and portal, one of each SIGKILLed', () => {
  const run = uniqueSuffix();
  const logDir = path.join(os.tmpdir(), `appliance-care-two-instances-${run}`);
  const technicians = [`T-${run}-A`, `T-${run}-B`];
  let env: TestEnv;
  let smtp: SmtpSink;
  let probe: KafkaProbe;
  const instances = new Map<Svc, ServiceInstance[]>();
  const replaced: ServiceInstance[] = [];
  const topic = (logical: string) => `${env.topicPrefix}${logical}`;
  const groupOf = (svc: Svc) => `${process.env['KAFKA_GROUP_PREFIX']}appliance-care.${svc}`;
  const live = (svc: Svc) => instances.get(svc)!.find((i) => !i.exited) as ServiceInstance;

  function envOf(svc: Svc): NodeJS.ProcessEnv {
    return {
      ...process.env,
      MONGODB_DATABASE: testDatabase(svc, env),
      SMTP_URL: smtp.url,
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      // a SIGKILLed member's partitions pass to the others after 10 s, not the default 30 s
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      NOTIFY_CONCURRENCY: String(CONCURRENCY),
      NOTIFY_LEASE_MS: '10000',
      NOTIFY_POLL_MS: '100',
      NOTIFY_RETRY_BASE_MS: '200',
      NOTIFY_RECIPIENT_SWEEP_MS: '500',
    };
  }

  beforeAll(async () => {
    env = isolateTestEnv('two-instances');
    smtp = new SmtpSink();
    await smtp.start();
    probe = new KafkaProbe(env.kafkaBrokers);
    // watched (and so created, six partitions each) before the services subscribe
    await probe.watch([Topics.purchases, Topics.salesInstallation, Topics.dispatch, Topics.notifications].map(topic));
    for (const svc of SERVICES) {
      instances.set(
        svc,
        [1, 2].map((n) => new ServiceInstance(svc, n, envOf(svc), logDir)),
      );
    }
    const all = [...instances.values()].flat();
    await Promise.all(all.map((i) => i.start()));
    await Promise.all(all.map((i) => i.ready()));
  }, 280_000);

  afterAll(async () => {
    clearInterval(pump);
    await Promise.all([...[...instances.values()].flat(), ...replaced].map((i) => i.stop()));
    await probe?.close();
    await smtp?.stop();
  });

  // --- dispatch, stood in for: every installation request is booked and its technician sets off ---
  const answered = new Set<string>();
  let pump: NodeJS.Timeout | undefined;
  let pumping = false;
  async function answerRequests(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      for (const e of probe.events('installation.requested.v1')) {
        const request = e.data as EventData<'installation.requested.v1'>;
        if (answered.has(request.installationId)) continue;
        answered.add(request.installationId);
        const technician = technicians[answered.size % technicians.length];
        // one after the other: the appliance key's order is the publication order
        for (const answer of dispatchAnswers(request, technician)) await probe.publish(topic(Topics.dispatch), answer);
      }
    } finally {
      pumping = false;
    }
  }

  /** SIGKILLs the victim instance once it has done some of its work, and starts its replacement. */
  async function killWhenBusy(svc: Svc) {
    const work = WORK[svc];
    const victim = instances.get(svc)![VICTIM[svc] - 1];
    const done = await waitFor(
      async () => {
        const n = await work(victim);
        return n >= 2 ? n : undefined;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 200,
        what: `${victim.label} to do some work`,
      },
    );
    await victim.kill();
    const replacement = new ServiceInstance(svc, victim.instance, envOf(svc), logDir);
    replaced.push(replacement);
    await replacement.start();
    return { victim, done, replacement };
  }

  const consumed = (logical: string) => (i: ServiceInstance) =>
    i.metric('events_consumed_total', `topic="${topic(logical)}"`, 'outcome="processed"');
  const mailed = (i: ServiceInstance) => i.metric('notification_deliveries_total', 'channel="email"', 'outcome="sent"');
  /** what each service's instances share: purchases; mails sent (the delivery worker); lifecycle events */
  const WORK: Record<Svc, (i: ServiceInstance) => Promise<number>> = {
    'sales-installation': consumed(Topics.purchases),
    notifications: mailed,
    portal: consumed(Topics.salesInstallation),
  };

  /** For each (source event, recipient) the rules name: the email notifications of it. */
  function expectedNotifications(): Map<string, string[]> {
    const expected = new Map<string, string[]>();
    const sources = distinctInOrder(probe.messages.flatMap((m) => (m.event ? [m.event] : [])));
    for (const e of sources.filter((s) => s.source !== '/appliance-care/notifications')) {
      for (const target of matchRules(e.type, e.data)) {
        if (target.recipientKind !== 'dispatch-team') expected.set(`${e.id}|${target.recipientId}`, []);
      }
    }
    for (const sent of distinctInOrder(probe.events('notification.sent.v1'))) {
      const d = sent.data as EventData<'notification.sent.v1'>;
      if (d.channel !== 'email') continue;
      const key = `${d.sourceEventId}|${d.recipientId}`;
      const ids = expected.get(key) ?? [];
      if (!ids.includes(d.notificationId)) ids.push(d.notificationId);
      expected.set(key, ids);
    }
    return expected;
  }

  it('shares the work, keeps each appliance in order, and has every effect once', async () => {
    // both instances of each service are members of the service's one group, each with partitions
    for (const [svc, logical] of [
      ['sales-installation', Topics.purchases],
      ['notifications', Topics.salesInstallation],
      ['portal', Topics.salesInstallation],
    ] as const) {
      const members = await waitFor(
        async () => {
          const found = await groupMembers(probe.kafka, groupOf(svc), topic(logical));
          return found.length === 2 && found.every((m) => m.partitions > 0) ? found : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: `two members with partitions in ${groupOf(svc)}` },
      );
      expect(members.map((m) => m.clientId).sort()).toEqual([`appliance-care-${svc}#1`, `appliance-care-${svc}#2`]);
    }

    for (const t of technicians) await probe.publish(topic(Topics.dispatch), technicianRegistered(t, run));
    pump = setInterval(() => void answerRequests().catch(() => undefined), 250);
    const orders = Array.from({ length: PURCHASES }, (_, n) => purchase(run, n, CUSTOMERS));
    // a stream, not a burst: each purchase goes out once all but IN_FLIGHT of the earlier ones are
    // registered, so every service has work in hand and more coming whenever its instance is killed
    const registered = () => new Set(probe.events('appliance.registered.v1').map((e) => e.id)).size;
    let published = 0;
    let killed = false;
    const stream = (async () => {
      for (const order of orders) {
        // and the second half only once the three are dead, so that each dies with work still coming
        const next = () => registered() >= published - IN_FLIGHT && (published < PURCHASES / 2 || killed);
        await waitFor(next, {
          timeoutMs: 150_000,
          intervalMs: 50,
          what: `purchase ${published} registered`,
        });
        await probe.publish(topic(Topics.purchases), purchaseEvent(order));
        published += 1;
      }
    })();
    stream.catch(() => undefined); // awaited below; a failure is reported there
    let mailsAtKill = new Set<string>();
    const kills = await Promise.all([
      killWhenBusy('sales-installation'),
      killWhenBusy('notifications').then((k) => {
        mailsAtKill = new Set(smtp.mails.map((m) => m.headers['x-notification-id']));
        return k;
      }),
      killWhenBusy('portal'),
    ]);
    killed = true;
    const registeredAtKill = registered();
    // mid-stream: purchases were still to come when the last of the three died
    expect(registeredAtKill).toBeLessThanOrEqual(PURCHASES / 2);
    await stream;

    const distinct = (type: EventType) => distinctInOrder(probe.events(type));
    await waitFor(() => distinct('installation.scheduled.v1').length >= PURCHASES, {
      timeoutMs: 150_000,
      intervalMs: 500,
      what: `${PURCHASES} installations scheduled (have ${distinct('installation.scheduled.v1').length})`,
    });
    const unsent = () =>
      [...expectedNotifications().values()].filter((ids) => !ids.some((id) => smtp.byNotification(id).length));
    await waitFor(() => unsent().length === 0, {
      timeoutMs: 120_000,
      intervalMs: 500,
      what: `every notification mailed (${unsent().length} not yet)`,
    });
    for (const { replacement } of kills) await replacement.ready();
    for (const [svc, list] of instances) {
      instances.set(
        svc,
        list.map((i) => (i.exited ? replaced.find((r) => r.service === svc)! : i)),
      );
    }

    await expectSalesInstallationOnce(orders);
    expectNotificationsOnce(mailsAtKill);
    await expectTimelinesInOrder();

    // both instances worked: the victim before its death, the survivor after it
    for (const { victim, done } of kills) {
      const svc = victim.service as Svc;
      const survivor = instances.get(svc)!.find((i) => i.instance !== victim.instance)!;
      expect({ instance: victim.label, done: done > 0 }).toEqual({ instance: victim.label, done: true });
      expect({ instance: survivor.label, done: (await WORK[svc](survivor)) > 0 }).toEqual({
        instance: survivor.label,
        done: true,
      });
    }
    console.log(
      `[two instances] ${PURCHASES} purchases; killed ${kills.map((k) => `${k.victim.label} after ${k.done}`).join(', ')}; ` +
        `${registeredAtKill} of ${PURCHASES} appliances registered when the last died; ${smtp.mails.length} mails`,
    );
  }, 300_000);

  async function expectSalesInstallationOnce(orders: ReturnType<typeof purchase>[]): Promise<void> {
    const serials = orders.map((o) => o.items[0].serialNumber).sort();
    const registered = distinctInOrder(probe.events('appliance.registered.v1'));
    expect(registered.map((e) => (e.data as { serialNumber: string }).serialNumber).sort()).toEqual(serials);
    const applianceIds = registered.map((e) => e.subject as string);
    for (const type of ['installation.requested.v1', 'installation.scheduled.v1'] as const) {
      expect(
        distinctInOrder(probe.events(type))
          .map((e) => e.subject)
          .sort(),
      ).toEqual([...applianceIds].sort());
    }
    // per appliance key, through the pair and the kill: registered, requested, then scheduled
    for (const applianceId of applianceIds) {
      const mine = distinctInOrder(probe.events().filter((e) => e.subject === applianceId))
        .map((e) => e.type)
        .filter((t) => t.startsWith('appliance.') || t.startsWith('installation.'));
      expect({ applianceId, mine }).toEqual({
        applianceId,
        mine: ['appliance.registered.v1', 'installation.requested.v1', 'installation.scheduled.v1'],
      });
    }
    const dispatcher = await tokenFor('dispatcher');
    const si = live('sales-installation').url;
    for (let c = 0; c < CUSTOMERS; c++) {
      const customerId = `C-${run}-${c}`;
      const appliances = await http('GET', `${si}/api/v1/appliances?customerId=${customerId}`, { token: dispatcher });
      const jobs = await http('GET', `${si}/api/v1/installations?customerId=${customerId}`, { token: dispatcher });
      expect(appliances.body.items).toHaveLength(PURCHASES / CUSTOMERS);
      const owned = appliances.body.items.map((a: { applianceId: string }) => a.applianceId).sort();
      expect(jobs.body.items.map((j: { applianceId: string }) => j.applianceId).sort()).toEqual(owned);
      expect(jobs.body.items.map((j: { status: string }) => j.status)).toEqual(owned.map(() => 'scheduled'));
    }
  }

  function expectNotificationsOnce(mailsAtKill: Set<string>): void {
    const expected = expectedNotifications();
    // four mails per purchase: registered and scheduled to the customer, assigned to the technician, en route to the customer
    expect(expected.size).toBe(PURCHASES * 4);
    const planned = [...expected].filter(([, ids]) => ids.length !== 1).map(([key, ids]) => ({ key, ids }));
    expect(planned).toEqual([]);
    const known = new Set([...expected.values()].flat());
    expect(smtp.mails.filter((m) => !known.has(m.headers['x-notification-id']))).toEqual([]);
    // only a mail the server had when notifications#1 died can come again (accepted, not yet recorded as sent)
    const twice = [...known].filter((id) => smtp.byNotification(id).length > 1);
    console.log(`[two instances] mails sent twice after the SIGKILL: ${twice.length} (bound ${CONCURRENCY})`);
    expect(twice.filter((id) => !mailsAtKill.has(id))).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
  }

  async function expectTimelinesInOrder(): Promise<void> {
    const dispatcher = await tokenFor('dispatcher');
    const timelineTypes = new Set<string>(ServiceSubscriptions.portal);
    const streams = [Topics.salesInstallation, Topics.dispatch].map(topic);
    const applianceIds = distinctInOrder(probe.events('appliance.registered.v1')).map((e) => e.subject as string);
    /** per topic, the appliance's events in the order that topic delivered them */
    const published = (applianceId: string) =>
      streams.map((stream) =>
        distinctInOrder(probe.on(stream).flatMap((m) => (m.key === applianceId && m.event ? [m.event] : []))).filter(
          (e: EventEnvelope) => timelineTypes.has(e.type),
        ),
      );
    const portal = live('portal').url;
    const timelineOf = async (applianceId: string): Promise<string[]> =>
      (
        await http('GET', `${portal}/api/v1/appliances/${applianceId}/timeline`, { token: dispatcher })
      ).body.entries.map((e: { id: string }) => e.id);
    const incomplete = async () => {
      const missing: string[] = [];
      for (const applianceId of applianceIds) {
        const ids = new Set(await timelineOf(applianceId).catch(() => []));
        if (
          published(applianceId)
            .flat()
            .some((e) => !ids.has(e.id))
        )
          missing.push(applianceId);
      }
      return missing;
    };
    await waitFor(async () => (await incomplete()).length === 0, {
      timeoutMs: 60_000,
      intervalMs: 1000,
      what: 'every timeline complete',
    });
    for (const applianceId of applianceIds) {
      const ids = await timelineOf(applianceId);
      expect({ applianceId, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({
        applianceId,
        duplicates: [],
      });
      for (const stream of published(applianceId)) {
        const inTimeline = ids.filter((id) => stream.some((e) => e.id === id));
        expect({ applianceId, order: inTimeline }).toEqual({ applianceId, order: stream.map((e) => e.id) });
      }
    }
  }
});
