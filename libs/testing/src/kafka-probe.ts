import { Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';

import {
  EventDefinition,
  eventDefinition,
  EventEnvelope,
  EventType,
  fromKafkaRecord,
  toKafkaRecord,
  toStructuredKafkaRecord,
} from '@appliance-care/contracts';

import { waitFor } from './wait-for';

export interface ProbedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  event?: EventEnvelope;
}

/**
 * The registry's Kafka key for the event. Its key function takes that one type's data (indexing the
 * registry by a union of types would ask for every type's data at once), and the data was built for
 * this type, so the function is called as the registry's general shape.
 */
function keyOf(event: EventEnvelope): string {
  const { key } = eventDefinition(event.type as EventType) as EventDefinition;
  return key(event.data);
}

/** Reads topics from the beginning and keeps every record, for assertions on what services published. */
export class KafkaProbe {
  readonly messages: ProbedMessage[] = [];
  private consumer?: Consumer;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  readonly kafka: Kafka;

  constructor(brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092') {
    this.kafka = new Kafka({ clientId: 'test-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  }

  async watch(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: 6, replicationFactor: 1 })),
        })
        .catch(() => undefined);
    }
    await admin.disconnect();
    this.consumer = this.kafka.consumer({
      groupId: `probe-${Math.random().toString(36).slice(2)}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await subscribeOnceKnown(this.consumer, topics);
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        let event: EventEnvelope | undefined;
        try {
          event = fromKafkaRecord(message);
        } catch {
          event = undefined;
        }
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
          event,
        });
      },
    });
  }

  events(type?: string): EventEnvelope[] {
    return this.messages.flatMap((m) => (m.event && (!type || m.event.type === type) ? [m.event] : []));
  }

  /**
   * Events one of our services produced (source `/appliance-care/…`, or only `source` when given,
   * e.g. when the test itself stands in for another service) whose record lacks the
   * `ce_correlationid` or `ce_causationid` header (SPEC §4), described for a failure message.
   */
  withoutCorrelationOrCause(source?: string): string[] {
    const ours = (s: string | undefined) => (source ? s === source : s?.startsWith('/appliance-care/'));
    return this.messages
      .filter((m) => ours(m.event?.source) && !(m.headers['ce_correlationid'] && m.headers['ce_causationid']))
      .map(
        (m) =>
          `${m.event?.type} ${m.event?.id} from ${m.event?.source}: correlationid ${m.headers['ce_correlationid'] ?? 'missing'}, causationid ${m.headers['ce_causationid'] ?? 'missing'}`,
      );
  }

  /** How many events of our services (or of `source`) the probe saw, per type. */
  producedTypes(source?: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const m of this.messages) {
      if (m.event && (source ? m.event.source === source : m.event.source.startsWith('/appliance-care/')))
        counts[m.event.type] = (counts[m.event.type] ?? 0) + 1;
    }
    return counts;
  }

  on(topic: string): ProbedMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  async waitForEvents(
    type: string,
    count: number,
    timeoutMs = 30_000,
    filter: (e: EventEnvelope) => boolean = () => true,
  ): Promise<EventEnvelope[]> {
    return waitFor(
      () => {
        const found = this.events(type).filter(filter);
        return found.length >= count ? found : undefined;
      },
      { timeoutMs, what: `${count} × ${type}` },
    );
  }

  async waitForMessages(topic: string, count: number, timeoutMs = 30_000): Promise<ProbedMessage[]> {
    return waitFor(() => (this.on(topic).length >= count ? this.on(topic) : undefined), {
      timeoutMs,
      what: `${count} messages on ${topic}`,
    });
  }

  /** Publishes an event as an outside system would (binary mode by default). */
  async publish(
    topic: string,
    event: EventEnvelope,
    mode: 'binary' | 'structured' = 'binary',
    key?: string,
  ): Promise<void> {
    const k = key ?? keyOf(event);
    const record = mode === 'binary' ? toKafkaRecord(event, k) : toStructuredKafkaRecord(event, k);
    await this.publishRaw(topic, record.key, record.value, record.headers);
  }

  async publishRaw(
    topic: string,
    key: string | null,
    value: string | Buffer | null,
    headers: IHeaders = {},
  ): Promise<void> {
    // one producer, connected once, however many publishes start at the same moment
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({ allowAutoTopicCreation: true });
      await producer.connect();
      this.producer = producer;
      return producer;
    })();
    const producer = await this.producerReady;
    await producer.send({ topic, acks: -1, messages: [{ key, value, headers }] });
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

/**
 * A broker that has only just started or created a topic can answer its metadata with "does not host
 * this topic-partition" for a while: subscribe again until it knows every topic (a minute at most).
 */
async function subscribeOnceKnown(consumer: Consumer, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await consumer.subscribe({ topics, fromBeginning: true });
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
