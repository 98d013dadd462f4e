// A child process of the fault run (harness.ts), configured by FAULT_CHILD (JSON, ChildConfig):
//  writer   — updates the run's aggregates with `withEvents` (conditional on what the store holds, so a
//             restarted writer resumes from the store) and runs an OutboxRelay; optionally SIGKILLs
//             itself right after a sendBatch resolved, before the relay could clear the outbox;
//  consumer — an EventConsumer whose handler (per event, or a batch handler writing a round's effects
//             in one bulkWrite) applies an idempotent effect per event and throws a BusinessRuleError
//             for poison; optionally SIGKILLs itself inside the handler after k events.
// The parent SIGKILLs writers at random moments. SIGTERM (or the parent going away) stops cleanly.
import { Kafka, Producer } from 'kafkajs';
import mongoose from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/platform';

import {
  ConsumedEvent,
  createKafka,
  createProducer,
  EventConsumer,
  inboxModel,
  OutboxRelay,
  withEvents,
} from '../../src';
import {
  aggregateModel,
  ChildConfig,
  ChildNote,
  effectModel,
  FAULT_EVENT_TYPE,
  FaultAggregate,
  faultEvent,
  KeyPlan,
  MARK,
  nextStep,
  POISON_CODE,
  readFaultEvent,
} from './fault-model';

const config = JSON.parse(process.env['FAULT_CHILD'] ?? '{}') as ChildConfig;
const note = (n: ChildNote) => process.stdout.write(`${MARK}${JSON.stringify(n)}\n`); // a pipe: written synchronously
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stops: (() => Promise<unknown>)[] = [];

function dieNow(kind: ChildNote['kind'], detail: string): Promise<never> {
  note({ note: 'self-kill', kind, detail });
  process.kill(process.pid, 'SIGKILL');
  return new Promise<never>(() => undefined);
}

/** Retries `fn` until it succeeds: the broker or the store may be restarting. */
async function persist<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt % 20 === 0) process.stderr.write(`${what}: still failing (${(err as Error).message})\n`);
      await pause(Math.min(1000, 50 * attempt));
    }
  }
}

async function connectStore() {
  return mongoose
    .createConnection(config.mongoUri, { dbName: config.dbName, serverSelectionTimeoutMS: 5000, maxPoolSize: 20 })
    .asPromise();
}

async function writer(): Promise<void> {
  const connection = await persist('store connection', connectStore);
  stops.push(() => connection.close());
  const aggregates = aggregateModel(connection);
  const kafka = createKafka('fault-writer', { ...process.env, KAFKA_BROKERS: config.brokers });
  const producer = createProducer(kafka);
  let sends = 0;
  // test code only: the Producer handed to the relay dies right after a send was acknowledged
  const wrapped: Producer = {
    ...producer,
    sendBatch: async (batch) => {
      const result = await producer.sendBatch(batch);
      sends += 1;
      if (config.killAfterSend && sends >= config.killAfterSend) {
        const messages = batch.topicMessages?.reduce((n, t) => n + t.messages.length, 0) ?? 0;
        await dieNow('relay-after-send', `after send ${sends} (${messages} messages acknowledged, outbox not cleared)`);
      }
      return result;
    },
  };
  const relay = new OutboxRelay(wrapped, [aggregates as never], {
    pollIntervalMs: 250,
    ...(config.relayBatch ? { batchSize: config.relayBatch } : {}),
  });
  const relayUp = (async () => {
    await persist('producer connect', () => producer.connect());
    relay.start();
    stops.push(
      () => relay.stop(),
      () => producer.disconnect(),
    );
  })();

  // what the store holds is where this writer resumes; a key whose last write had an unknown outcome is read again
  const plans = new Map(config.plan.map((p) => [p.key, p]));
  const known = new Map<string, { seq: number; poisons: number }>();
  const docs = await persist('read aggregates', () => aggregates.find({}, { seq: 1, poisons: 1 }).lean());
  for (const d of docs) known.set(d._id, { seq: d.seq, poisons: d.poisons });
  const queue = config.plan.filter((p) => nextStep(p, known.get(p.key) ?? { seq: 0, poisons: 0 })).map((p) => p.key);
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  note({ note: 'ready' });

  async function step(key: string): Promise<boolean> {
    const plan = plans.get(key) as KeyPlan;
    let state = known.get(key);
    if (!state) {
      const doc = await aggregates.findById(key, { seq: 1, poisons: 1 }).lean();
      if (!doc) throw new Error(`aggregate ${key} missing`);
      state = { seq: doc.seq, poisons: doc.poisons };
      known.set(key, state);
    }
    const next = nextStep(plan, state);
    if (!next) return false;
    const event = faultEvent(key, next, state.seq);
    known.delete(key); // unknown until the store answers
    const res = await aggregates.updateOne(
      { _id: key, seq: state.seq, poisons: state.poisons },
      withEvents<FaultAggregate>({ $inc: next.kind === 'normal' ? { seq: 1 } : { poisons: 1 } }, [event]),
    );
    if (res.modifiedCount !== 1) return true; // the store holds something else: read it again
    const now =
      next.kind === 'normal' ? { seq: next.seq, poisons: state.poisons } : { seq: state.seq, poisons: next.number };
    known.set(key, now);
    return nextStep(plan, now) !== undefined;
  }

  await Promise.all(
    Array.from({ length: config.writers ?? 4 }, async () => {
      while (queue.length) {
        const key = queue.shift() as string;
        let again: boolean;
        try {
          again = await step(key);
        } catch {
          again = true;
          await pause(100);
        }
        if (again) queue.push(key);
      }
    }),
  );
  note({ note: 'written' });
  await relayUp;
}

async function consumer(): Promise<void> {
  const connection = await persist('store connection', connectStore);
  stops.push(() => connection.close());
  const effects = effectModel(connection);
  const real = createKafka('fault-consumer', { ...process.env, KAFKA_BROKERS: config.brokers });
  // test code only: a shorter group session than the library's 30 s, so that the group notices a
  // SIGKILLed member within seconds (the claims, inbox and commits under test are unchanged)
  const kafka = {
    consumer: (cfg: Parameters<Kafka['consumer']>[0]) => {
      const c = real.consumer({ ...cfg, sessionTimeout: config.sessionTimeoutMs ?? 10_000, heartbeatInterval: 1_000 });
      c.on(c.events.CRASH, (e) => {
        if (!e.payload.restart) {
          note({ note: 'crash', detail: `${e.payload.error?.name}: ${e.payload.error?.message}` });
          process.exit(3);
        }
      });
      return c;
    },
  } as unknown as Kafka;
  const producer = createProducer(real);
  await persist('producer connect', () => producer.connect());
  stops.push(() => producer.disconnect());
  let handled = 0;

  /** The effect of one event: `{_id, last: seq - 1} → last = seq`, else a redelivery (already applied) or a gap. */
  const applyOne = async (id: string, key: string, seq: number) => {
    for (;;) {
      const applied = await effects.updateOne(
        { _id: key, last: seq - 1 },
        { $set: { last: seq }, $push: { applied: { id, seq } } },
      );
      if (applied.modifiedCount === 1) return;
      const doc = await effects.findById(key, { last: 1 }).lean();
      if (!doc) throw new Error(`effect document ${key} missing`);
      if (doc.last >= seq) {
        await effects.updateOne({ _id: key }, { $inc: { redeliveries: 1 } });
        return;
      }
      // a gap: an earlier event of this key was not applied. Recorded, then applied, so the run goes on
      const gap = await effects.updateOne(
        { _id: key, last: doc.last },
        { $set: { last: seq }, $push: { applied: { id, seq }, violations: { seq, last: doc.last } } },
      );
      if (gap.modifiedCount === 1) return;
    }
  };
  const counted = async (n: number) => {
    handled += n;
    if (config.dieAfter && handled >= config.dieAfter)
      await dieNow('consumer-mid-chunk', `inside the ${config.batch ? 'batch ' : ''}handler after ${handled} events`);
  };
  const poisonOf = (e: ReturnType<typeof readFaultEvent>) =>
    e?.poison !== undefined && new BusinessRuleError(POISON_CODE, `poison ${e.poison} of ${e.key}`);

  const handle = async (event: EventEnvelope) => {
    const e = readFaultEvent(event.data);
    if (!e) return;
    const poison = poisonOf(e);
    if (poison) throw poison;
    await applyOne(event.id, e.key, e.seq as number);
    await counted(1);
  };

  /** A round of distinct keys: one bulkWrite of their effects (what a hot consumer does), after a read of where each key stands. */
  const handleBatch = async (events: ConsumedEvent[]) => {
    const mine = events.flatMap(({ event }) => {
      const e = readFaultEvent(event.data);
      return e ? [{ id: event.id, e }] : [];
    });
    for (const { e } of mine) {
      const poison = poisonOf(e);
      if (poison) throw poison; // before any effect: the consumer retries the round event by event
    }
    const docs = await Promise.all(mine.map(({ e }) => effects.findById(e.key, { last: 1 }).lean()));
    const next = mine.filter(({ e }, i) => docs[i]?.last === (e.seq as number) - 1);
    const ops = [
      ...next.map(({ id, e }) => ({
        updateOne: {
          filter: { _id: e.key, last: (e.seq as number) - 1 },
          update: { $set: { last: e.seq }, $push: { applied: { id, seq: e.seq } } },
        },
      })),
      ...mine
        .filter(({ e }, i) => (docs[i]?.last ?? 0) >= (e.seq as number))
        .map(({ e }) => ({ updateOne: { filter: { _id: e.key }, update: { $inc: { redeliveries: 1 } } } })),
    ];
    const res = ops.length ? await effects.bulkWrite(ops as never, { ordered: false }) : undefined;
    // a gap, or a race with another owner of the partition: settled one by one
    const rest = mine.filter(
      ({ e }, i) => docs[i]?.last !== (e.seq as number) - 1 && (docs[i]?.last ?? 0) < (e.seq as number),
    );
    if ((res?.modifiedCount ?? 0) < ops.length) rest.push(...next);
    for (const { id, e } of rest) await applyOne(id, e.key, e.seq as number);
    await counted(mine.length);
  };

  const start = async () => {
    const c = new EventConsumer({
      kafka,
      groupId: config.groupId,
      topics: [config.topic],
      handles: (t) => t === FAULT_EVENT_TYPE,
      inbox: inboxModel(connection),
      producer,
      ...(config.batch ? { handleBatch } : { handle }),
      retry: { initialMs: 100, maxMs: 2000 },
      chunkSize: config.chunkSize ?? 200,
      concurrency: 16,
    });
    try {
      await c.start();
      return c;
    } catch (err) {
      await c.stop().catch(() => undefined);
      throw err;
    }
  };
  const c = await persist('consumer start', start);
  stops.push(() => c.stop());
  note({ note: 'ready' });
}

async function shutdown(code: number): Promise<void> {
  const timer = setTimeout(() => process.exit(code), 10_000);
  while (stops.length) await (stops.pop() as () => Promise<unknown>)().catch(() => undefined);
  clearTimeout(timer);
  process.exit(code);
}

process.on('SIGTERM', () => void shutdown(0));
process.stdin.on('end', () => void shutdown(0)); // the parent went away
process.stdin.resume();

(config.role === 'writer' ? writer() : consumer()).catch((err) => {
  process.stderr.write(`fault child ${config.role} failed: ${(err as Error).stack ?? err}\n`);
  process.exit(2);
});
