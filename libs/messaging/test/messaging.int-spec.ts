import { spawn } from 'node:child_process';
import path from 'node:path';
import { Kafka, logLevel, Producer } from 'kafkajs';
import mongoose, { Connection, Model } from 'mongoose';

import { createEvent, dlqTopic, EventEnvelope, Topics } from '@appliance-care/contracts';
import { BusinessRuleError, Correlation } from '@appliance-care/platform';
import { isolateTestEnv, KafkaProbe, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import {
  createProducer,
  ensureTopics,
  EventConsumer,
  EventConsumerOptions,
  EventFactory,
  inboxModel,
  InboxRecord,
  outboxFields,
  OutboxRelay,
  physicalTopic,
  withEvents,
} from '../src';
import { bareFaultRecord } from './bare-record';
import { openFaultTopic } from './fault-topic';
import { Counter, counterModel } from './test-aggregate';

const ROOT = path.resolve(__dirname, '../../..');

describe('messaging against the real broker and store', () => {
  let env: TestEnv;
  let connection: Connection;
  let counters: Model<Counter>;
  let inbox: Model<InboxRecord>;
  let kafka: Kafka;
  let producer: Producer;
  let probe: KafkaProbe;
  let topic: string;
  const stops: (() => Promise<void>)[] = [];

  const fault = (serial: string, errorCode = 'E1'): EventEnvelope =>
    createEvent({
      type: 'device.fault.reported.v1',
      source: '/test',
      subject: serial,
      data: { serialNumber: serial, errorCode, reportedAt: new Date().toISOString() },
    });

  async function startConsumer(
    groupSuffix: string,
    handle: (e: EventEnvelope) => Promise<void>,
    options: Partial<EventConsumerOptions> = {},
  ): Promise<EventConsumer> {
    const consumer = new EventConsumer({
      kafka,
      producer,
      inbox,
      topics: [topic],
      groupId: `${process.env['KAFKA_GROUP_PREFIX']}${groupSuffix}`,
      handles: () => true,
      handle,
      retry: { initialMs: 20, maxMs: 200 },
      ...options,
    });
    await consumer.start();
    stops.push(() => consumer.stop());
    return consumer;
  }

  beforeAll(async () => {
    env = isolateTestEnv('messaging');
    connection = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('messaging', env) }).asPromise();
    counters = counterModel(connection);
    inbox = inboxModel(connection);
    await counters.init();
    await inbox.init();
    ({ kafka, topic, producer, probe } = await openFaultTopic('messaging-test', env));
  });

  afterEach(async () => {
    while (stops.length) await (stops.pop() as () => Promise<void>)();
  });

  afterAll(async () => {
    await probe.close();
    await producer.disconnect();
    await connection.close();
  });

  it('(a) round-trips an event write → outbox → relay → consumer with the envelope intact', async () => {
    const factory = new EventFactory('/appliance-care/test');
    const event = Correlation.run({ correlationId: 'corr-a', causationId: 'cause-a' }, () =>
      factory.create(
        'device.fault.reported.v1',
        { serialNumber: 'SER-A', errorCode: 'E21', reportedAt: '2026-11-28T10:15:00Z', readings: { temp: 71 } },
        { subject: 'SER-A' },
      ),
    );
    await counters.create({ _id: 'a-1', ...outboxFields([event]) });
    const relay = new OutboxRelay(producer, [counters as never], { pollIntervalMs: 20 });
    relay.start();
    stops.push(() => relay.stop());
    const received: EventEnvelope[] = [];
    await startConsumer('a', async (e) => {
      if (e.id === event.id) received.push(e);
    });

    await waitFor(() => received.length === 1, {
      what: `the event consumed (probe saw ${JSON.stringify(probe.events().map((e) => e.id))}, want ${event.id}; doc ${JSON.stringify(await counters.findById('a-1').lean())})`,
    });
    expect(received[0]).toMatchObject({
      id: event.id,
      type: 'device.fault.reported.v1',
      source: '/appliance-care/test',
      subject: 'SER-A',
      correlationid: 'corr-a',
      causationid: 'cause-a',
      specversion: '1.0',
      data: { serialNumber: 'SER-A', errorCode: 'E21', reportedAt: '2026-11-28T10:15:00Z', readings: { temp: 71 } },
    });
    const raw = probe.on(topic).find((m) => m.event?.id === event.id);
    expect(raw?.key).toBe('SER-A');
    expect(raw?.headers).toMatchObject({
      ce_type: 'device.fault.reported.v1',
      ce_correlationid: 'corr-a',
      ce_causationid: 'cause-a',
      'content-type': 'application/json',
    });
    await waitFor(async () => (await counters.findById('a-1').lean())?.outboxPending === false, {
      what: 'outbox cleared',
    });
    expect((await counters.findById('a-1').lean())?.outbox).toHaveLength(0);
  });

  it('(b) loses nothing when the writer is SIGKILLed after the database write and before the publish', async () => {
    const serial = `SER-KILL-${env.suffix}`;
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        path.join(__dirname, 'kill-writer.ts'),
        env.mongoUri,
        testDatabase('messaging', env),
        'kill-1',
        serial,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const eventId = await waitFor(() => output.match(/WRITTEN (\S+)/)?.[1], { what: `child to write (${output})` });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(probe.events().some((e) => e.id === eventId)).toBe(false);
    expect((await counters.findById('kill-1').lean())?.outboxPending).toBe(true);

    const relay = new OutboxRelay(producer, [counters as never], { pollIntervalMs: 20 });
    relay.start();
    stops.push(() => relay.stop());
    const published = await waitFor(() => probe.events().find((e) => e.id === eventId), {
      what: 'event published after restart',
    });
    expect(published.data).toMatchObject({ serialNumber: serial, errorCode: 'E-KILL' });
  });

  it('(c) gives a duplicate delivery one effect', async () => {
    const event = fault('SER-DUP');
    const sentinel = fault('SER-DUP', 'SENTINEL');
    await counters.create({ _id: 'dup', count: 0 });
    const handled: string[] = [];
    await startConsumer('c', async (e) => {
      if (e.subject !== 'SER-DUP') return;
      handled.push((e.data as { errorCode: string }).errorCode);
      if (e.id === event.id) await counters.updateOne({ _id: 'dup' }, { $inc: { count: 1 } });
    });
    await probe.publish(topic, event);
    await probe.publish(topic, event);
    await waitFor(async () => (await counters.findById('dup').lean())?.count === 1, { what: 'first effect' });
    await probe.publish(topic, event); // a later redelivery, in another batch
    await probe.publish(topic, sentinel);
    await waitFor(() => handled.includes('SENTINEL'), { what: 'sentinel handled after the duplicates' });
    expect((await counters.findById('dup').lean())?.count).toBe(1);
    expect(handled.filter((c) => c === 'E1')).toHaveLength(1);
  });

  it('(d) dead-letters poison messages with their reasons while the partition goes on', async () => {
    const key = 'SER-POISON';
    const rule = fault(key, 'RULE');
    const good = fault(key, 'GOOD');
    const processed: string[] = [];
    await startConsumer('d', async (e) => {
      if (e.subject !== key) return;
      if (e.id === rule.id) throw new BusinessRuleError('unknown-serial', `no appliance with serial ${key}`);
      processed.push(e.id);
    });
    await probe.publishRaw(topic, key, '{not json', {
      ce_type: 'device.fault.reported.v1',
      ce_specversion: '1.0',
      ce_id: 'x1',
      ce_source: '/t',
      ce_time: new Date().toISOString(),
    });
    await probe.publishRaw(topic, key, JSON.stringify({ serialNumber: key }), {
      ce_type: 'device.fault.reported.v1',
      ce_specversion: '1.0',
      ce_id: 'x2',
      ce_source: '/t',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
    });
    await probe.publish(topic, rule);
    await probe.publish(topic, good);

    await waitFor(() => processed.includes(good.id), { what: 'the next message processed' });
    const dead = await probe.waitForMessages(dlqTopic(topic), 3);
    const mine = dead.filter((m) => m.key === key && m.headers['x-consumer-group']?.endsWith('.d'));
    expect(mine.map((m) => m.headers['x-error-code'])).toEqual(['unparseable', 'schema-violation', 'unknown-serial']);
    expect(mine[1].headers['x-error-message']).toMatch(/errorCode/);
    expect(mine[2].headers['x-error-message']).toBe(`no appliance with serial ${key}`);
    for (const m of mine) {
      expect(m.headers['x-original-topic']).toBe(topic);
      expect(Number(m.headers['x-original-partition'])).toBeGreaterThanOrEqual(0);
      expect(m.headers['x-original-offset']).toMatch(/^\d+$/);
    }
  });

  it('dead-letters a value over maxEventBytes unread (too-large), skips an oversized type it does not handle, and goes on', async () => {
    const key = 'SER-LARGE';
    const good = fault(key, 'AFTER');
    const processed: string[] = [];
    await startConsumer(
      'large',
      async (e) => {
        if (e.subject === key) processed.push(e.id);
      },
      { maxEventBytes: 1024, handles: (type) => type === 'device.fault.reported.v1' },
    );
    const ce = (type: string, id: string) => ({
      ce_type: type,
      ce_specversion: '1.0',
      ce_id: id,
      ce_source: '/t',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
    });
    const padding = 'x'.repeat(4096);
    await probe.publishRaw(
      topic,
      key,
      JSON.stringify({ serialNumber: key, errorCode: 'BIG', reportedAt: new Date().toISOString(), padding }),
      ce('device.fault.reported.v1', 'large-1'),
    );
    await probe.publishRaw(
      topic,
      key,
      JSON.stringify({ orderId: 'ORD-BIG', padding }),
      ce('sales.purchase.recorded.v1', 'large-2'),
    );
    await probe.publish(topic, good);
    await probe.publishRaw(topic, key, '{not json', ce('device.fault.reported.v1', 'large-3'));

    await waitFor(() => processed.includes(good.id), { what: 'the event after the oversized one processed' });
    // dead letters of one key keep their order: once the last is read, any before it is too
    const mine = () =>
      probe.on(dlqTopic(topic)).filter((m) => m.key === key && m.headers['x-consumer-group']?.endsWith('.large'));
    await waitFor(() => mine().some((m) => m.headers['ce_id'] === 'large-3'), { what: 'the last dead letter' });
    expect(mine().map((m) => [m.headers['ce_id'], m.headers['x-error-code']])).toEqual([
      ['large-1', 'too-large'],
      ['large-3', 'unparseable'],
    ]);
    expect(mine()[0].headers['x-error-message']).toMatch(/over the limit of 1024 \(MAX_EVENT_BYTES\)/);
    expect(mine()[0].value?.length).toBeGreaterThan(4096);
  });

  it('retries a transient failure with backoff and handles the event once', async () => {
    const event = fault('SER-TRANSIENT');
    let attempts = 0;
    const done: string[] = [];
    await startConsumer('t', async (e) => {
      if (e.id !== event.id) return;
      attempts += 1;
      if (attempts < 3) throw new Error('store briefly unavailable');
      done.push(e.id);
    });
    await probe.publish(topic, event);
    await waitFor(() => done.length === 1, { what: 'handled after retries' });
    expect(attempts).toBe(3);
    expect(probe.on(dlqTopic(topic)).some((m) => m.headers['ce_id'] === event.id)).toBe(false);
  });

  it('(e) keeps per-key order with 6 partitions and 2 consumers in one group', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `SER-ORD-${i}`);
    const perKey = 25;
    const seen = new Map<string, number[]>();
    const handle = async (e: EventEnvelope) => {
      const d = e.data as { serialNumber: string; errorCode: string };
      if (!d.serialNumber.startsWith('SER-ORD-')) return;
      const list = seen.get(d.serialNumber) ?? [];
      list.push(Number(d.errorCode.slice(1)));
      seen.set(d.serialNumber, list);
    };
    await startConsumer('e', handle);
    await startConsumer('e', handle);
    const batch = [];
    for (let n = 0; n < perKey; n++) for (const k of keys) batch.push(fault(k, `N${n}`));
    await producer.send({
      topic,
      acks: -1,
      messages: batch.map(bareFaultRecord),
    });
    await waitFor(() => keys.every((k) => new Set(seen.get(k) ?? []).size === perKey), {
      what: 'all ordered events',
      timeoutMs: 60_000,
    });
    for (const k of keys) {
      const firstSeen = (seen.get(k) ?? []).filter((n, i, all) => all.indexOf(n) === i);
      expect(firstSeen).toEqual(Array.from({ length: perKey }, (_, i) => i));
    }
  });

  it('stores an update and its events atomically in one document', async () => {
    await counters.create({ _id: 'atomic', count: 0 });
    const e1 = fault('SER-ATOMIC');
    await counters.updateOne({ _id: 'atomic' }, withEvents<Counter>({ $inc: { count: 1 } }, [e1]));
    const doc = await counters.findById('atomic').lean();
    expect(doc?.count).toBe(1);
    expect(doc?.outboxPending).toBe(true);
    expect(doc?.outbox.map((o) => o.id)).toEqual([e1.id]);
  });
});

describe('outbox writes racing the relay on the real store', () => {
  it('loses neither state changes nor events when updates and the relay interleave', async () => {
    const env = isolateTestEnv('outbox-race');
    const connection = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('race', env) }).asPromise();
    const counters = counterModel(connection);
    await counters.init();
    const kafka = new Kafka({
      clientId: 'race-test',
      brokers: env.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const topic = physicalTopic(Topics.deviceFaults);
    await ensureTopics(kafka, [topic]);
    const producer = createProducer(kafka);
    await producer.connect();
    const probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topic]);
    const relay = new OutboxRelay(producer, [counters as never], { pollIntervalMs: 1 });
    relay.start();
    try {
      await counters.create({ _id: 'race', count: 0 });
      const writes = 30;
      const ids: string[] = [];
      // concurrent writers on one document while the relay keeps removing published entries
      await Promise.all(
        Array.from({ length: writes }, async (_, i) => {
          const e = createEvent({
            type: 'device.fault.reported.v1',
            source: '/race',
            subject: 'SER-RACE',
            data: { serialNumber: 'SER-RACE', errorCode: `R${i}`, reportedAt: new Date().toISOString() },
          });
          ids.push(e.id);
          await counters.updateOne({ _id: 'race' }, withEvents<Counter>({ $inc: { count: 1 } }, [e]));
        }),
      );
      expect((await counters.findById('race').lean())?.count).toBe(writes);
      await waitFor(() => ids.every((id) => probe.events().some((e) => e.id === id)), {
        what: 'every event published',
        timeoutMs: 60_000,
      });
      await waitFor(async () => (await counters.findById('race').lean())?.outboxPending === false, {
        what: 'outbox drained',
      });
    } finally {
      await relay.stop();
      await probe.close();
      await producer.disconnect();
      await connection.close();
    }
  });
});

describe('conditional single-document updates on the real store', () => {
  it('let exactly one of many concurrent { _id, version } updates win', async () => {
    const env = isolateTestEnv('cas');
    const connection = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('cas', env) }).asPromise();
    const counters = counterModel(connection);
    try {
      await counters.create({ _id: 'cas', count: 0 });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          counters.updateOne({ _id: 'cas', count: 0 }, { $inc: { count: 1 }, $push: { applied: `w${i}` } }),
        ),
      );
      expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
      expect((await counters.findById('cas').lean())?.applied).toHaveLength(1);
    } finally {
      await connection.close();
    }
  });
});
