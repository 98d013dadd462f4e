import { Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';
import { EventEnvelope, fromKafkaRecord, toKafkaRecord, toStructuredKafkaRecord, eventDefinition, EventType } from '@appliance-care/contracts';
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
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 6, replicationFactor: 1 })) }).catch(() => undefined);
    }
    await admin.disconnect();
    this.consumer = this.kafka.consumer({ groupId: `probe-${Math.random().toString(36).slice(2)}`, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        let event: EventEnvelope | undefined;
        try {
          event = fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers as never });
        } catch {
          event = undefined;
        }
        this.messages.push({ topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers, event });
      },
    });
  }

  events(type?: string): EventEnvelope[] {
    return this.messages.flatMap((m) => (m.event && (!type || m.event.type === type) ? [m.event] : []));
  }

  on(topic: string): ProbedMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  async waitForEvents(type: string, count: number, timeoutMs = 30_000, filter: (e: EventEnvelope) => boolean = () => true): Promise<EventEnvelope[]> {
    return waitFor(() => {
      const found = this.events(type).filter(filter);
      return found.length >= count ? found : undefined;
    }, { timeoutMs, what: `${count} × ${type}` });
  }

  async waitForMessages(topic: string, count: number, timeoutMs = 30_000): Promise<ProbedMessage[]> {
    return waitFor(() => (this.on(topic).length >= count ? this.on(topic) : undefined), { timeoutMs, what: `${count} messages on ${topic}` });
  }

  /** Publishes an event as an outside system would (binary mode by default). */
  async publish(topic: string, event: EventEnvelope, mode: 'binary' | 'structured' = 'binary', key?: string): Promise<void> {
    const k = key ?? eventDefinition(event.type as EventType).key(event.data as never);
    const record = mode === 'binary' ? toKafkaRecord(event, k) : toStructuredKafkaRecord(event, k);
    await this.publishRaw(topic, record.key, record.value, record.headers);
  }

  async publishRaw(topic: string, key: string | null, value: string | Buffer | null, headers: IHeaders = {}): Promise<void> {
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
