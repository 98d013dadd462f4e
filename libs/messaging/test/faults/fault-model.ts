// What the fault run's processes share: the plan (keys, events per key, where the poison goes), the
// aggregate that carries the outbox, the consumer's effect document, and how events are made and read.
import { Connection, Model, Schema } from 'mongoose';

import { createEvent, EventEnvelope } from '@appliance-care/contracts';

import { OutboxFields, withOutbox } from '../../src';

export const FAULT_EVENT_TYPE = 'device.fault.reported.v1';
export const POISON_CODE = 'fault-test-poison';

/** Per key: `normal` events numbered 1..normal, and `poison` events spread among them. */
export interface KeyPlan {
  key: string;
  normal: number;
  poison: number;
}

/** `events` in all (poison included) over `keys` keys; key names carry the run's id. */
export function makePlan(runId: string, events: number, keys: number, poison: number): KeyPlan[] {
  if (poison > events) throw new Error(`poison (${poison}) > events (${events})`);
  const normal = events - poison;
  return Array.from({ length: keys }, (_, i) => ({
    key: `FLT-${runId}-${String(i).padStart(3, '0')}`,
    normal: Math.floor(normal / keys) + (i < normal % keys ? 1 : 0),
    poison: Math.floor(poison / keys) + (i < poison % keys ? 1 : 0),
  }));
}

/** The aggregate a writer updates: `seq` normal events and `poisons` poison events written so far. */
export interface FaultAggregate extends OutboxFields {
  _id: string;
  seq: number;
  poisons: number;
}

export function aggregateModel(connection: Connection): Model<FaultAggregate> {
  const schema = withOutbox(
    new Schema<FaultAggregate>(
      { _id: String, seq: { type: Number, default: 0 }, poisons: { type: Number, default: 0 } },
      { versionKey: false, collection: 'fault_aggregates' },
    ),
  );
  return (
    (connection.models['FaultAggregate'] as Model<FaultAggregate>) ??
    connection.model<FaultAggregate>('FaultAggregate', schema)
  );
}

/**
 * The consumer's effect per key: `last` is the last sequence number applied, moved by a conditional
 * update `{_id, last: n - 1} → {last: n}` (idempotent per event); `applied` lists every effect, so a
 * second effect of one event would show; `violations` the gaps the handler met.
 */
export interface FaultEffect {
  _id: string;
  last: number;
  applied: { id: string; seq: number }[];
  redeliveries: number;
  violations: { seq: number; last: number }[];
}

export function effectModel(connection: Connection): Model<FaultEffect> {
  const schema = new Schema<FaultEffect>(
    {
      _id: String,
      last: { type: Number, default: 0 },
      applied: { type: [{ _id: false, id: String, seq: Number }], default: [] },
      redeliveries: { type: Number, default: 0 },
      violations: { type: [{ _id: false, seq: Number, last: Number }], default: [] },
    },
    { versionKey: false, collection: 'fault_effects' },
  );
  return (
    (connection.models['FaultEffect'] as Model<FaultEffect>) ?? connection.model<FaultEffect>('FaultEffect', schema)
  );
}

export type Step = { kind: 'normal'; seq: number } | { kind: 'poison'; number: number };

/** The next event of a key given what the store holds (poison j+1 comes after normal event ⌊(j+1)·normal/(poison+1)⌋). */
export function nextStep(plan: KeyPlan, state: { seq: number; poisons: number }): Step | undefined {
  if (state.poisons < plan.poison && state.seq >= Math.floor(((state.poisons + 1) * plan.normal) / (plan.poison + 1))) {
    return { kind: 'poison', number: state.poisons + 1 };
  }
  if (state.seq < plan.normal) return { kind: 'normal', seq: state.seq + 1 };
  return undefined;
}

export function faultEvent(key: string, step: Step, after: number): EventEnvelope {
  const readings: Record<string, number> = step.kind === 'normal' ? { seq: step.seq } : { poison: step.number, after };
  return createEvent({
    type: FAULT_EVENT_TYPE,
    source: '/test/faults',
    subject: key,
    data: {
      serialNumber: key,
      errorCode: step.kind === 'normal' ? 'FAULT-SEQ' : 'FAULT-POISON',
      reportedAt: new Date().toISOString(),
      readings,
    },
  });
}

/** What an event of this run says about itself, from its data. */
export function readFaultEvent(data: unknown): { key: string; seq?: number; poison?: number } | undefined {
  const d = data as { serialNumber?: string; readings?: { seq?: number; poison?: number } } | undefined;
  if (!d?.serialNumber?.startsWith('FLT-')) return undefined;
  return { key: d.serialNumber, seq: d.readings?.seq, poison: d.readings?.poison };
}

/** Configuration handed to a child process (JSON in FAULT_CHILD). */
export interface ChildConfig {
  role: 'writer' | 'consumer';
  brokers: string;
  mongoUri: string;
  dbName: string;
  topic: string;
  groupId: string;
  plan: KeyPlan[];
  /** writer: concurrent writes */
  writers?: number;
  /** writer: documents per relay round (default: the library's) */
  relayBatch?: number;
  /** writer: SIGKILL itself right after this many sendBatch calls resolved (0: never) */
  killAfterSend?: number;
  /** consumer: SIGKILL itself inside the handler after this many events (0: never) */
  dieAfter?: number;
  /** consumer: a batch handler (handleBatch, one bulkWrite per round) instead of one event at a time */
  batch?: boolean;
  chunkSize?: number;
  sessionTimeoutMs?: number;
}

/** Lines a child writes to stdout for the parent: `@@FAULT {json}`. */
export const MARK = '@@FAULT ';
export interface ChildNote {
  note: 'ready' | 'written' | 'self-kill' | 'crash';
  kind?: 'relay-after-send' | 'consumer-mid-chunk';
  detail?: string;
}
