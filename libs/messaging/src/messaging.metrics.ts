import type { Admin, Kafka } from 'kafkajs';
import type { Model } from 'mongoose';
import { Counter, Gauge, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const outboxPublished = metric(
  'outbox_published_total',
  () =>
    new Counter({
      name: 'outbox_published_total',
      help: 'Events published by the outbox relay',
      labelNames: ['topic'],
    }),
);
export const outboxLag = metric(
  'outbox_publish_lag_seconds',
  () =>
    new Histogram({
      name: 'outbox_publish_lag_seconds',
      help: 'Time from the write of an event to its publication',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    }),
);
export const eventsConsumed = metric(
  'events_consumed_total',
  () =>
    new Counter({
      name: 'events_consumed_total',
      help: 'Events consumed by outcome',
      labelNames: ['group', 'topic', 'outcome'],
    }),
);
export const handlerDuration = metric(
  'event_handler_duration_seconds',
  () =>
    new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Event handler duration',
      labelNames: ['group', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    }),
);
export const outboxParked = metric(
  'outbox_parked_total',
  () =>
    new Counter({
      name: 'outbox_parked_total',
      help: 'Events the outbox relay set aside because Kafka refused them permanently',
      labelNames: ['topic'],
    }),
);

// ---- what operators alert on (README, "Metrics to alert on") ----

/** Dead letters written, by the topic they came from and the reason (x-error-code). */
export const dlqMessages = metric(
  'dlq_messages_total',
  () =>
    new Counter({
      name: 'dlq_messages_total',
      help: 'Messages sent to a dead-letter topic, by original topic and reason (x-error-code)',
      labelNames: ['group', 'topic', 'reason'],
    }),
);

/** Events waiting for a transient failure's retry (in place, or their partition paused for backoff). */
export const retriesInProgress = metric(
  'event_retries_in_progress',
  () =>
    new Gauge({
      name: 'event_retries_in_progress',
      help: 'Events whose handling failed transiently and waits for a retry',
      labelNames: ['group', 'topic'],
    }),
);

interface LagSubject {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  admin?: Admin;
}
const lagSubjects = new Map<string, LagSubject>();

/** Consumer lag is computed when /metrics is scraped: each partition's high watermark minus the group's committed offset. */
export function trackConsumerLag(kafka: Kafka, groupId: string, topics: string[]): () => Promise<void> {
  const subject: LagSubject = { kafka, groupId, topics };
  lagSubjects.set(groupId, subject);
  return async () => {
    if (lagSubjects.get(groupId) === subject) lagSubjects.delete(groupId);
    await subject.admin?.disconnect().catch(() => undefined);
  };
}

async function lagOf(subject: LagSubject): Promise<{ topic: string; partition: number; lag: number }[]> {
  if (!subject.admin) {
    subject.admin = subject.kafka.admin();
    await subject.admin.connect();
  }
  const admin = subject.admin;
  const committed = await admin.fetchOffsets({ groupId: subject.groupId, topics: subject.topics });
  const rows = await Promise.all(
    committed.map(async ({ topic, partitions }) => {
      const ends = await admin.fetchTopicOffsets(topic);
      return partitions.map(({ partition, offset }) => {
        const end = ends.find((e) => e.partition === partition);
        const high = Number(end?.high ?? 0);
        // no commit yet: everything from the log start is still to be read
        const position = Number(offset) >= 0 ? Number(offset) : Number(end?.low ?? 0);
        return { topic, partition, lag: Math.max(0, high - position) };
      });
    }),
  );
  return rows.flat();
}

export const consumerLag = metric(
  'kafka_consumer_lag',
  () =>
    new Gauge({
      name: 'kafka_consumer_lag',
      help: "Messages not yet consumed: the partition's high watermark minus the group's committed offset",
      labelNames: ['group', 'topic', 'partition'],
      async collect() {
        this.reset();
        for (const subject of lagSubjects.values()) {
          const rows = await withDeadline(lagOf(subject), 3000).catch(() => []);
          for (const row of rows)
            this.set({ group: subject.groupId, topic: row.topic, partition: String(row.partition) }, row.lag);
        }
      },
    }),
);

type OutboxStore = Pick<Model<unknown>, 'countDocuments' | 'find'> & { collection: { collectionName: string } };
const outboxStores = new Set<OutboxStore>();

/** The outbox gauges read these collections when /metrics is scraped (equality on outboxPending: the indexed path). */
export function trackOutboxes(models: OutboxStore[]): () => void {
  for (const model of models) outboxStores.add(model);
  return () => models.forEach((model) => outboxStores.delete(model));
}

/** Each collection's last reading, for a scrape in which the store does not answer in time. */
const lastOutboxState = new Map<string, { pending: number; oldestMs?: number }>();

/** How many documents to read for the oldest stamp: enough to be exact below a backlog, cheap above one. */
const OLDEST_SAMPLE = 1000;

async function outboxState(model: OutboxStore): Promise<{ pending: number; oldestMs?: number }> {
  const pending = await model.countDocuments({ outboxPending: true });
  if (!pending) return { pending };
  const stamps = (await model.find({ outboxPending: true }, { outboxSince: 1 }).limit(OLDEST_SAMPLE).lean().exec()) as {
    outboxSince?: number;
  }[];
  const oldest = Math.min(...stamps.map((s) => s.outboxSince ?? Date.now()));
  return { pending, oldestMs: oldest };
}

export const outboxPendingDocuments = metric(
  'outbox_pending_documents',
  () =>
    new Gauge({
      name: 'outbox_pending_documents',
      help: 'Documents whose outbox holds events not yet published',
      labelNames: ['collection'],
    }),
);

export const outboxOldestPendingAge = metric(
  'outbox_oldest_pending_age_seconds',
  () =>
    new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest event not yet published (0 when nothing is pending)',
      labelNames: ['collection'],
      async collect() {
        outboxPendingDocuments.reset();
        this.reset();
        for (const model of outboxStores) {
          const collection = model.collection.collectionName;
          // a store too slow to answer keeps its last reading: a missing one would read as "nothing
          // pending" (0), the all-clear an alert must not get from an overloaded store
          const state =
            (await withDeadline(outboxState(model), 3000).catch(() => undefined)) ?? lastOutboxState.get(collection);
          if (!state) continue;
          lastOutboxState.set(collection, state);
          outboxPendingDocuments.set({ collection }, state.pending);
          this.set(
            { collection },
            state.oldestMs === undefined ? 0 : Math.max(0, (Date.now() - state.oldestMs) / 1000),
          );
        }
      },
    }),
);

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
