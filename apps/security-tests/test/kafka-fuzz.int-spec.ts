import { randomUUID } from 'node:crypto';
import { Admin, AssignerProtocol, IHeaders, Producer } from 'kafkajs';

import {
  createEvent,
  dlqTopic,
  EventEnvelope,
  EventRegistry,
  EventType,
  ServiceSubscriptions,
  toKafkaRecord,
  Topics,
  topicsFor,
} from '@appliance-care/contracts';
import { http, tokenFor } from '@appliance-care/service-testing';
import {
  customerOf,
  isolateTestEnv,
  KafkaProbe,
  purchaseOf,
  purchaseRecordedEvent,
  repairRequiredDiagnosis,
  uniqueSuffix,
  waitFor,
  washingMachineLine,
} from '@appliance-care/testing';

import { ServiceName, ServiceProcess, startServiceProcess } from './service-processes';

/**
 * The event types each service's consumer handles: contracts' ServiceSubscriptions, which each
 * service's basics test holds to its @EventPattern handlers. The first test checks the topics that
 * follow from it against the subscriptions the running consumer groups hold on the broker.
 */
const HANDLES: Record<ServiceName, readonly EventType[]> = ServiceSubscriptions;
const SERVICE_NAMES = Object.keys(HANDLES) as ServiceName[];
const CONSUMED_TOPICS = [...new Set(SERVICE_NAMES.flatMap((s) => topicsFor(HANDLES[s])))].sort();

/** Over the consumers' MAX_EVENT_BYTES default (256 KiB), under the broker's message limit. */
const OVERSIZED_BYTES = 900 * 1024;

interface Garbage {
  name: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  /** the DLQ reason every consumer of the topic must give, or, for a known type, only those that handle it */
  code: string;
  onlyType?: EventType;
}

/** Binary-mode CloudEvent headers as our producers write them, for a data that need not be valid. */
function binaryRecord(
  type: string,
  data: unknown,
  key: string,
): { key: string; value: string; headers: Record<string, string> } {
  const envelope = {
    id: randomUUID(),
    source: '/test/kafka-fuzz',
    type,
    specversion: '1.0',
    time: new Date().toISOString(),
    subject: key,
    correlationid: randomUUID(),
    data,
  } as EventEnvelope;
  return toKafkaRecord(envelope, key);
}

const structured = { 'content-type': 'application/cloudevents+json; charset=utf-8' };

/** The malformed messages sent to one topic: generic ones, and a schema-violating event of every type consumed there. */
function garbageFor(topic: string): Garbage[] {
  const cases: Garbage[] = [
    {
      name: 'not-json',
      key: 'fuzz-not-json',
      value: '{"specversion":"1.0","type": oops',
      headers: structured,
      code: 'unparseable',
    },
    {
      name: 'not-a-cloudevent',
      key: 'fuzz-not-a-cloudevent',
      value: JSON.stringify({ orderId: 'ORD-1', items: [] }),
      headers: {},
      code: 'invalid-envelope',
    },
    {
      name: 'unknown-type',
      ...binaryRecord('com.example.fuzz.unknown.v1', { anything: true }, 'fuzz-unknown-type'),
      code: 'unknown-type',
    },
    {
      name: 'missing-key',
      key: null,
      value: JSON.stringify({ specversion: '1.0', data: {} }),
      headers: structured,
      code: 'invalid-envelope',
    },
    {
      name: 'oversized',
      key: 'fuzz-oversized',
      value: JSON.stringify({ specversion: '1.0', padding: 'x'.repeat(OVERSIZED_BYTES) }),
      headers: structured,
      code: 'too-large',
    },
  ];
  const types = [...new Set(SERVICE_NAMES.flatMap((s) => HANDLES[s]))]
    .filter((t) => EventRegistry[t].topic === topic)
    .sort();
  for (const type of types) {
    cases.push({
      name: `schema-violation:${type}`,
      ...binaryRecord(type, { unexpected: 'field', applianceId: 42 }, `fuzz-${type}`),
      code: 'schema-violation',
      onlyType: type,
    });
  }
  return cases.map((c) => ({ ...c, headers: { ...c.headers, 'x-fuzz-case': c.name } }));
}

/**
 * Kafka fuzz: every topic every service consumes gets malformed messages (not JSON, JSON that is not a
 * CloudEvent, an unknown type, no key, 900 KB, and a schema-violating event of every type consumed
 * there). Each consumer must dead-letter each of them to `<topic>.dlq` with the SPEC §4 headers, skip
 * (not dead-letter) a registered type it does not handle, and go on processing the partition: valid
 * events sent after the garbage, on the same single partition, have their effects in every service.
 */
describe('Kafka fuzz: malformed and oversized messages on every consumed topic', () => {
  const env = isolateTestEnv('security-kafka-fuzz');
  const suffix = uniqueSuffix();
  const physical = (topic: string) => `${env.topicPrefix}${topic}`;
  const groupOf = (service: ServiceName) => `${env.topicPrefix}appliance-care.${service}`;
  const procs = {} as Record<ServiceName, ServiceProcess>;
  const probe = new KafkaProbe(env.kafkaBrokers);
  let admin: Admin;
  let producer: Producer;
  let adminToken: string;
  /** topic → case name → offset of the garbage message sent */
  const sent = new Map<string, Map<string, string>>();

  beforeAll(async () => {
    admin = probe.kafka.admin();
    await admin.connect();
    // one partition per topic: the garbage and the valid events after it share a partition, so the
    // valid ones' effects prove the partition went on past the garbage
    await admin.createTopics({
      waitForLeaders: true,
      topics: CONSUMED_TOPICS.flatMap((t) => [physical(t), physical(dlqTopic(t))]).map((topic) => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    producer = probe.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await probe.watch(CONSUMED_TOPICS.flatMap((t) => [physical(t), physical(dlqTopic(t))]));
    for (const service of SERVICE_NAMES) procs[service] = await startServiceProcess(service, env);
    adminToken = await tokenFor('admin');
  }, 300_000);

  afterAll(async () => {
    await Promise.all(Object.values(procs).map((p) => p.stop()));
    await producer?.disconnect();
    await admin?.disconnect();
    await probe.close();
  }, 60_000);

  it("each service's consumer group subscribes exactly the topics of its handled types", async () => {
    const groups = await waitFor(
      async () => {
        const described = await admin.describeGroups(SERVICE_NAMES.map(groupOf));
        return described.groups.every((g) => g.state === 'Stable' && g.members.length > 0)
          ? described.groups
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every consumer group to be stable' },
    );
    for (const service of SERVICE_NAMES) {
      const group = groups.find((g) => g.groupId === groupOf(service));
      const assigned = new Set(
        group?.members.flatMap((m) =>
          Object.keys(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {}),
        ),
      );
      expect({ service, topics: [...assigned].sort() }).toEqual({
        service,
        topics: topicsFor(HANDLES[service]).map(physical).sort(),
      });
    }
    expect(CONSUMED_TOPICS).toEqual(Object.values(Topics).sort());
  });

  it('dead-letters every malformed message with the SPEC headers, from every consumer that must, and from no other', async () => {
    for (const topic of CONSUMED_TOPICS) {
      const offsets = new Map<string, string>();
      for (const g of garbageFor(topic)) {
        const [meta] = await producer.send({
          topic: physical(topic),
          acks: -1,
          messages: [{ key: g.key, value: g.value, headers: g.headers as IHeaders, partition: 0 }],
        });
        offsets.set(g.name, meta.baseOffset as string);
      }
      sent.set(topic, offsets);
    }

    const expected = new Set<string>();
    for (const topic of CONSUMED_TOPICS) {
      for (const g of garbageFor(topic)) {
        for (const service of SERVICE_NAMES) {
          const consumes = topicsFor(HANDLES[service]).includes(topic);
          if (consumes && (!g.onlyType || HANDLES[service].includes(g.onlyType)))
            expected.add(`${topic} ${g.name} ${groupOf(service)} ${g.code}`);
        }
      }
    }
    const deadLetters = () =>
      CONSUMED_TOPICS.flatMap((t) => probe.on(physical(dlqTopic(t))).map((m) => ({ topic: t, m })));
    await waitFor(() => deadLetters().length >= expected.size, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: `${expected.size} dead letters (have ${deadLetters().length})`,
    });
    // every consumer is past the garbage once its committed offset is past the last garbage message
    await waitForCommitted(
      Object.fromEntries(
        CONSUMED_TOPICS.map((t) => [
          t,
          Math.max(...[...(sent.get(t) as Map<string, string>).values()].map(Number)) + 1,
        ]),
      ),
    );
    await waitForDlqRead();

    const actual = deadLetters().map(
      ({ topic, m }) =>
        `${topic} ${m.headers['x-fuzz-case']} ${m.headers['x-consumer-group']} ${m.headers['x-error-code']}`,
    );
    expect(actual.filter((a) => !expected.has(a)).sort()).toEqual([]);
    expect([...expected].filter((e) => !actual.includes(e)).sort()).toEqual([]);
    expect(actual.length).toBe(expected.size); // each consumer dead-letters each message once

    for (const { topic, m } of deadLetters()) {
      const original = garbageFor(topic).find((g) => g.name === m.headers['x-fuzz-case']) as Garbage;
      expect(m.headers).toMatchObject({
        'x-original-topic': physical(topic),
        'x-original-partition': '0',
        'x-original-offset': sent.get(topic)?.get(original.name),
      });
      expect(m.headers['x-error-message']?.length).toBeGreaterThan(0);
      expect(m.key).toBe(original.key);
      expect(m.value?.length).toBe(original.value.length);
    }
    const tooLarge = deadLetters().find(({ m }) => m.headers['x-error-code'] === 'too-large');
    expect(tooLarge?.m.headers['x-error-message']).toMatch(/over the limit of 262144 \(MAX_EVENT_BYTES\)/);
    // the design's rule for shared topics: a registered type a consumer does not handle is skipped, not dead-lettered
    expect(actual).not.toContain(
      `${Topics.dispatch} schema-violation:technician.registered.v1 ${groupOf('sales-installation')} schema-violation`,
    );
    expect(actual).toContain(
      `${Topics.dispatch} schema-violation:technician.registered.v1 ${groupOf('dispatch')} schema-violation`,
    );
  }, 180_000);

  it(
    'keeps processing: valid events sent after the garbage have their effects in every service',
    () =>
      withServiceOutput(async () => {
        const serial = `WM-fuzz-${suffix}`;
        const customerId = `C-fuzz-${suffix}`;
        const purchase = purchaseOf(`ORD-fuzz-${suffix}`, customerOf(customerId), [washingMachineLine(serial)]);
        await probe.publish(physical(Topics.purchases), purchaseRecordedEvent(purchase));

        // sales-installation went past the garbage on sales.purchases.v1
        const [registered] = await probe.waitForEvents(
          'appliance.registered.v1',
          1,
          120_000,
          (e) => (e.data as { serialNumber: string }).serialNumber === serial,
        );
        const applianceId = (registered.data as { applianceId: string }).applianceId;
        const [requested] = await probe.waitForEvents(
          'installation.requested.v1',
          1,
          120_000,
          (e) => e.subject === applianceId,
        );
        const installationId = (requested.data as { installationId: string }).installationId;

        // dispatch went past the garbage on sales-installation.events.v1, sales-installation past it on dispatch.events.v1
        await waitFor(
          () =>
            probe
              .events()
              .find(
                (e) =>
                  e.type.startsWith('work-order.') && (e.data as { sourceId?: string }).sourceId === installationId,
              ),
          { timeoutMs: 120_000, intervalMs: 250, what: 'dispatch to answer the installation request' },
        );
        await waitFor(
          async () => {
            const res = await http('GET', `${procs['sales-installation'].url}/api/v1/installations/${installationId}`, {
              token: adminToken,
            });
            return res.status === 200 && ['awaiting-technician', 'scheduled'].includes(res.body.status);
          },
          { timeoutMs: 120_000, intervalMs: 500, what: "sales-installation to record dispatch's answer" },
        );

        // notifications and diagnostics went past the garbage on sales-installation.events.v1
        await waitFor(
          async () =>
            (await http('GET', `${procs.notifications.url}/api/v1/recipients/${customerId}`, { token: adminToken }))
              .status === 200,
          { timeoutMs: 120_000, intervalMs: 500, what: 'notifications to know the customer' },
        );
        const customer = await tokenFor('customer', { customerId });
        await waitFor(
          async () =>
            (
              await http('POST', `${procs.diagnostics.url}/api/v1/appliances/${applianceId}/problems`, {
                token: customer,
                body: { symptoms: 'water left in the drum' },
              })
            ).status === 201,
          { timeoutMs: 120_000, intervalMs: 500, what: 'diagnostics to know the appliance' },
        );

        // diagnostics went past the garbage on devices.faults.v1
        await probe.publish(
          physical(Topics.deviceFaults),
          createEvent({
            type: 'device.fault.reported.v1',
            source: '/test/device',
            subject: serial,
            data: { serialNumber: serial, errorCode: 'E-FUZZ', reportedAt: new Date().toISOString() },
          }),
        );
        await probe.waitForEvents(
          'problem.reported.v1',
          1,
          120_000,
          (e) => e.subject === applianceId && (e.data as { source: string }).source === 'device',
        );

        // repairs went past the garbage on diagnostics.events.v1, dispatch past it on repairs.events.v1
        const caseId = `CASE-fuzz-${suffix}`;
        await probe.publish(
          physical(Topics.diagnostics),
          createEvent({
            type: 'diagnosis.completed.v1',
            source: '/test/diagnostics',
            subject: applianceId,
            data: repairRequiredDiagnosis({ caseId, applianceId, customerId, address: purchase.customer.address }),
          }),
        );
        const [opened] = await probe.waitForEvents(
          'repair.ticket-opened.v1',
          1,
          120_000,
          (e) => (e.data as { caseId: string }).caseId === caseId,
        );
        const ticketId = (opened.data as { ticketId: string }).ticketId;
        await waitFor(
          () =>
            probe
              .events()
              .find((e) => e.type.startsWith('work-order.') && (e.data as { sourceId?: string }).sourceId === ticketId),
          { timeoutMs: 120_000, intervalMs: 250, what: 'dispatch to answer the repair ticket' },
        );

        // the portal went past the garbage on the services' topics
        await waitFor(
          async () => {
            const res = await http('GET', `${procs.portal.url}/api/v1/appliances/${applianceId}/timeline`, {
              token: adminToken,
            });
            return res.status === 200 && JSON.stringify(res.body).includes('repair');
          },
          { timeoutMs: 120_000, intervalMs: 500, what: 'the portal timeline to show the appliance up to its repair' },
        );

        // and every consumer group stored its progress up to what is on its topics now
        const ends: Record<string, number> = {};
        for (const topic of CONSUMED_TOPICS)
          ends[topic] = Number((await admin.fetchTopicOffsets(physical(topic)))[0].high);
        await waitForCommitted(ends);
        for (const service of SERVICE_NAMES)
          expect((await fetch(`${procs[service].url}/health/ready`)).status).toBe(200);
      }),
    480_000,
  );

  /** A failure carries what the services last logged: a stuck consumer says why there. */
  async function withServiceOutput(body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      const logs = SERVICE_NAMES.map(
        (s) =>
          `--- ${s}\n${procs[s]
            .output()
            .split('\n')
            .filter((l) => !l.includes('message dead-lettered'))
            .join('\n')}`,
      ).join('\n');
      const seen = probe.messages
        .filter((m) => !m.topic.endsWith('.dlq'))
        .map(
          (m) => `${m.topic.slice(env.topicPrefix.length)}@${m.offset} ${m.event?.type ?? m.headers['x-fuzz-case']}`,
        );
      const metrics = (await Promise.all(SERVICE_NAMES.map(async (s) => `${s}: ${await consumptionMetrics(s)}`))).join(
        '\n',
      );
      const where = await positions().catch((e: Error) => [e.message]);
      throw new Error(
        `${(err as Error).message}\nconsumer positions: ${where.join('; ')}\nprobe saw: ${seen.join(', ')}\nmetrics:\n${metrics}\n${logs}`,
      );
    }
  }

  /** What a service's consumer did, by outcome (from its /metrics): tells a stuck handler from an idle consumer. */
  async function consumptionMetrics(service: ServiceName): Promise<string> {
    try {
      const text = await (await fetch(`${procs[service].url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
      return text
        .split('\n')
        .filter((l) => /^(events_consumed_total|event_handler_duration_seconds_count|outbox_published_total)/.test(l))
        .join(' | ');
    } catch (err) {
      return `no metrics: ${(err as Error).message}`;
    }
  }

  async function positions(): Promise<string[]> {
    const out: string[] = [];
    for (const service of SERVICE_NAMES) {
      const committed = await admin.fetchOffsets({
        groupId: groupOf(service),
        topics: topicsFor(HANDLES[service]).map(physical),
      });
      for (const t of committed) {
        const high = (await admin.fetchTopicOffsets(t.topic))[0].high;
        out.push(`${service} ${t.topic.slice(env.topicPrefix.length)} ${t.partitions[0]?.offset}/${high}`);
      }
    }
    return out;
  }

  /** Waits until every group that consumes a topic has committed at least the given offset on it. */
  async function waitForCommitted(minimum: Record<string, number>): Promise<void> {
    const behind = async () => {
      const lagging: string[] = [];
      for (const service of SERVICE_NAMES) {
        const topics = topicsFor(HANDLES[service]);
        const committed = await admin.fetchOffsets({ groupId: groupOf(service), topics: topics.map(physical) });
        for (const t of committed) {
          const logical = t.topic.slice(env.topicPrefix.length);
          const offset = Number(t.partitions[0]?.offset ?? -1);
          if (offset < minimum[logical]) lagging.push(`${service} on ${logical} at ${offset} < ${minimum[logical]}`);
        }
      }
      return lagging;
    };
    await waitFor(async () => (await behind()).length === 0, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: 'every consumer group to commit past the messages',
    }).catch(async (err) => {
      throw new Error(`${(err as Error).message}: ${(await behind()).join('; ')}`);
    });
  }

  /** Waits until the probe has read every dead letter on the broker. */
  async function waitForDlqRead(): Promise<void> {
    const ends = new Map<string, number>();
    for (const topic of CONSUMED_TOPICS)
      ends.set(topic, Number((await admin.fetchTopicOffsets(physical(dlqTopic(topic))))[0].high));
    await waitFor(
      () => CONSUMED_TOPICS.every((t) => probe.on(physical(dlqTopic(t))).length >= (ends.get(t) as number)),
      { timeoutMs: 30_000, intervalMs: 250, what: 'the probe to read every dead letter' },
    );
  }
});
