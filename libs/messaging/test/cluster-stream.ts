// What the broker-failover test (broker-failover.int-spec.ts) drives and reads: a stream of events per
// key written through the outbox and paced by the consumer's progress, the consumer's idempotent
// effect, and the cluster's view of partitions (leaders, replicas, in-sync replicas) and of the
// consumer group's coordinator.
import { Admin, ConfigResourceTypes, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Model as MongooseModel } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';

import { withEvents } from '../src';
import { FaultAggregate, FaultEffect, faultEvent, readFaultEvent } from './faults/fault-model';

/** Keys named after `prefix` chosen so that each of `partitions` partitions holds `perPartition` of them (the producer's partitioner). */
export function keysOnEveryPartition(prefix: string, partitions: number, perPartition: number): string[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [],
    isr: [],
  }));
  const chosen = new Map<number, string[]>();
  for (let i = 0; chosen.size < partitions || [...chosen.values()].some((k) => k.length < perPartition); i++) {
    const key = `${prefix}-${String(i).padStart(3, '0')}`;
    const partition = partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
    const keys = chosen.get(partition) ?? [];
    if (keys.length < perPartition) chosen.set(partition, [...keys, key]);
  }
  return [...chosen.values()].flat();
}

/**
 * Writes events 1, 2, 3… per key, each with the aggregate's update in one conditional write
 * (withEvents), at most `window` events ahead of what the consumer applied for that key, until
 * stopped. `written` is what the store accepted; `applied` what the handler reported (pacing only).
 */
export class KeyStream {
  readonly written = new Map<string, number>();
  readonly applied = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private stopped = false;
  private running?: Promise<void>;
  private failure?: Error;
  private lastAppliedAt = 0;
  /** the longest time without any event applied while writing (ms), and when it ended */
  readonly longestPause = { ms: 0, endedAt: 0 };

  constructor(
    private readonly aggregates: MongooseModel<FaultAggregate>,
    readonly keys: string[],
    private readonly window = 8,
    private readonly stallMs = 60_000,
  ) {}

  start(): void {
    this.running = Promise.all(this.keys.map((key) => this.writeKey(key))).then(
      () => undefined,
      (err: Error) => {
        // a writer that failed stops the others, and every wait fails with its reason
        this.failure = err;
        this.stopped = true;
        this.notify();
      },
    );
  }

  /** Stops writing; resolves with the last sequence number written per key. */
  async stop(): Promise<Map<string, number>> {
    this.stopped = true;
    this.notify();
    await this.running;
    if (this.failure) throw this.failure;
    return this.written;
  }

  noteApplied(key: string, seq: number): void {
    const now = Date.now();
    if (this.lastAppliedAt && now - this.lastAppliedAt > this.longestPause.ms && !this.stopped)
      Object.assign(this.longestPause, { ms: now - this.lastAppliedAt, endedAt: now });
    this.lastAppliedAt = now;
    if (seq > (this.applied.get(key) ?? 0)) this.applied.set(key, seq);
    this.notify();
  }

  /** Resolves once every key has `ahead` events applied beyond `from` (its written count at some moment). */
  appliedBeyond(from: Map<string, number>, ahead: number, timeoutMs: number, what: string): Promise<void> {
    const done = () => this.keys.every((k) => (this.applied.get(k) ?? 0) >= (from.get(k) ?? 0) + ahead);
    return this.until(done, timeoutMs, () => `${what}: ${this.lagging(from, ahead)}`);
  }

  private lagging(from: Map<string, number>, ahead: number): string {
    const behind = this.keys.filter((k) => (this.applied.get(k) ?? 0) < (from.get(k) ?? 0) + ahead);
    return `${behind.length} keys behind (${behind.map((k) => `${k} ${this.applied.get(k) ?? 0}/${this.written.get(k) ?? 0}`).join(', ')})`;
  }

  private async writeKey(key: string): Promise<void> {
    for (let seq = (this.written.get(key) ?? 0) + 1; ; seq++) {
      await this.until(
        () => this.stopped || (this.applied.get(key) ?? 0) >= seq - this.window,
        this.stallMs,
        () => {
          return `the consumer stalled on ${key} at ${this.applied.get(key) ?? 0} of ${seq - 1}`;
        },
      );
      if (this.stopped) return;
      const event: EventEnvelope = faultEvent(key, { kind: 'normal', seq }, 0);
      const res = await this.aggregates.updateOne(
        { _id: key, seq: seq - 1 },
        withEvents<FaultAggregate>({ $inc: { seq: 1 } }, [event]),
      );
      if (res.modifiedCount !== 1) throw new Error(`aggregate ${key} is not at ${seq - 1}`);
      this.written.set(key, seq);
    }
  }

  private until(done: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
    if (done() && !this.failure) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) {
          cleanup();
          reject(new Error(`${why()}; the writer failed: ${this.failure.message}`));
        } else if (done()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms: ${why()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * The consumer's effect of one event: `{_id, last: seq - 1} → last = seq` with the event recorded in
 * `applied` (idempotent: an event already applied is counted as a redelivery, as handlers must be); a
 * gap (an earlier event of the key not applied: lost or out of order) is recorded in `violations`.
 */
export async function applyEffect(
  effects: MongooseModel<FaultEffect>,
  event: EventEnvelope,
): Promise<number | undefined> {
  const e = readFaultEvent(event.data);
  if (!e?.seq) return undefined;
  const { key, seq } = e as { key: string; seq: number };
  const push = { applied: { id: event.id, seq } };
  for (;;) {
    if ((await effects.updateOne({ _id: key, last: seq - 1 }, { $set: { last: seq }, $push: push })).modifiedCount)
      return seq;
    const doc = await effects.findById(key, { last: 1 }).lean();
    if (!doc) throw new Error(`effect document ${key} missing`);
    if (doc.last >= seq) {
      await effects.updateOne({ _id: key }, { $inc: { redeliveries: 1 } });
      return seq;
    }
    const gap = { $set: { last: seq }, $push: { ...push, violations: { seq, last: doc.last } } };
    if ((await effects.updateOne({ _id: key, last: doc.last }, gap)).modifiedCount) return seq;
  }
}

export interface PartitionView {
  topic: string;
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/** Every partition of `topics` as the cluster's metadata shows it now. */
export async function partitionsOf(admin: Admin, topics: string[]): Promise<PartitionView[]> {
  const { topics: meta } = await admin.fetchTopicMetadata({ topics });
  return meta.flatMap((t) =>
    t.partitions.map((p) => ({
      topic: t.name,
      partition: p.partitionId,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    })),
  );
}

/** A topic's min.insync.replicas as the broker applies it. */
export async function minInsyncOf(admin: Admin, topic: string): Promise<string | undefined> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
  });
  return resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue;
}

/** The broker that coordinates `groupId` (it holds the group's offsets partition), as the cluster answers FindCoordinator. */
export async function groupCoordinator(brokers: string[], groupId: string): Promise<number> {
  let nodeId: number | undefined;
  const kafka = new Kafka({
    clientId: 'coordinator-probe',
    brokers,
    logLevel: logLevel.DEBUG,
    // kafkajs keeps the coordinator to itself; its debug log names it
    logCreator: () => (entry) => {
      const found = entry.log as { message?: string; nodeId?: number };
      if (found.message === 'Found group coordinator' && typeof found.nodeId === 'number') nodeId = found.nodeId;
    },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeGroups([groupId]);
  } finally {
    await admin.disconnect();
  }
  if (nodeId === undefined) throw new Error(`no coordinator found for ${groupId}`);
  return nodeId;
}
