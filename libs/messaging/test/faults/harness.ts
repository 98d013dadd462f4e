// The fault run shared by the jest test (messaging-faults.int-spec.ts) and `npm run chaos:messaging`:
// a private Kafka broker (tools/infra.js startScratchKafka) and a private FerretDB (scratch-store.ts),
// a writer child (aggregate updates with withEvents + OutboxRelay) and consumer children
// (EventConsumer), SIGKILLed and restarted while the broker and the store are restarted under them;
// then the store's effects, the topic and the DLQ are read back and checked.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IHeaders, Kafka, logLevel } from 'kafkajs';
import mongoose, { Connection } from 'mongoose';

import { dlqTopic, Topics } from '@appliance-care/contracts';

import { ensureTopics, inboxModel } from '../../src';
import {
  aggregateModel,
  ChildConfig,
  ChildNote,
  effectModel,
  KeyPlan,
  makePlan,
  MARK,
  readFaultEvent,
} from './fault-model';
import { startScratchFerretDb } from './scratch-store';

const ROOT = path.resolve(__dirname, '../../../..');
const CHILD = path.join(__dirname, 'fault-child.ts');

interface ScratchKafka {
  brokers: string;
  restart: (signal?: 'SIGKILL' | 'SIGTERM') => Promise<void>;
  stop: () => Promise<void>;
  log: () => string;
}
// tools/infra.js is plain node; the broker code lives there beside the shared broker's
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require(path.join(ROOT, 'tools', 'infra.js')) as {
  startScratchKafka: (o?: { heap?: string }) => Promise<ScratchKafka>;
};

export interface FaultRunOptions {
  /** events written in all, poison included */
  events: number;
  keys: number;
  /** poison events among them (the handler throws a BusinessRuleError: they must end in the DLQ) */
  poison: number;
  /** how many times each fault is made to happen (at most; the report counts what happened) */
  writerKills: number;
  relayKills: number;
  consumerKills: number;
  brokerRestarts: number;
  storeRestarts: number;
  /** consumer processes in the group */
  consumers: number;
  /** the whole run, faults and checks, must end within this */
  timeoutMs: number;
  /**
   * the run fails sooner when nothing moves (written, applied, pending) for this long: a stuck pipeline
   * is told apart from one slowed by a loaded machine (default: the whole timeout)
   */
  stallMs?: number;
  writers?: number;
  /** documents per relay round (default: the library's); under the key count, every round meets a backlog */
  relayBatch?: number;
  chunkSize?: number;
  /** the consumers' group session (test code shortens the library's 30 s so a dead member is noticed sooner) */
  sessionTimeoutMs?: number;
  /** progress lines (chaos script); silent when absent */
  progress?: (line: string) => void;
}

export interface FaultReport {
  events: number;
  normal: number;
  poisonInjected: number;
  keys: number;
  kills: { writer: number; relayAfterSend: number; consumerMidChunk: number };
  /** consumer processes started: in all, and those with a batch handler */
  consumerProcesses: { all: number; batch: number };
  brokerRestarts: number;
  storeRestarts: number;
  /** events written whose effect never happened, plus poison that never reached the DLQ */
  lost: number;
  /** effects applied more than once for one event */
  duplicateEffects: number;
  /** gaps in a key's sequence, as the handler met them and as first copies on the topic show them */
  orderViolations: { handler: number; topic: number };
  /** distinct poison events in the DLQ; copies beyond one; non-poison events dead-lettered */
  dlq: number;
  dlqCopies: number;
  dlqNonPoison: number;
  /** deliveries the handler saw again after their effect (crash between effect and commit) */
  redeliveries: number;
  /** copies the relay published again (crash or failure between send and clearing) */
  relayResends: number;
  /** children that exited without being killed on purpose (their log tails are in `problems`) */
  unexpectedExits: number;
  timedOut: boolean;
  wallMs: number;
  store: string;
  problems: string[];
  /** children's logs; removed when the run held every invariant */
  logDir?: string;
}

/** Every invariant of the run held (and each fault that was asked for happened). */
export function reportHolds(
  r: FaultReport,
  o: Pick<FaultRunOptions, 'writerKills' | 'relayKills' | 'consumerKills' | 'brokerRestarts' | 'storeRestarts'>,
): boolean {
  return (
    !r.timedOut &&
    r.lost === 0 &&
    r.duplicateEffects === 0 &&
    r.orderViolations.handler === 0 &&
    r.orderViolations.topic === 0 &&
    r.dlq === r.poisonInjected &&
    r.dlqNonPoison === 0 &&
    r.unexpectedExits === 0 &&
    r.kills.writer >= Math.min(1, o.writerKills) &&
    r.kills.relayAfterSend >= Math.min(1, o.relayKills) &&
    r.kills.consumerMidChunk >= Math.min(1, o.consumerKills) &&
    r.brokerRestarts === o.brokerRestarts &&
    r.storeRestarts === o.storeRestarts
  );
}

export function formatReport(r: FaultReport): string {
  const rows: [string, string][] = [
    ['events (normal + poison)', `${r.events} (${r.normal} + ${r.poisonInjected}) over ${r.keys} keys`],
    ['writer kills (SIGKILL mid-write)', String(r.kills.writer)],
    ['relay kills (after send, before clearing)', String(r.kills.relayAfterSend)],
    ['consumer kills (mid-chunk, in the handler)', String(r.kills.consumerMidChunk)],
    ['consumer processes (batch handler)', `${r.consumerProcesses.all} (${r.consumerProcesses.batch})`],
    ['broker restarts (SIGKILL)', String(r.brokerRestarts)],
    ['store restarts (SIGKILL)', String(r.storeRestarts)],
    ['lost', String(r.lost)],
    ['duplicate effects', String(r.duplicateEffects)],
    ['order violations (handler / topic)', `${r.orderViolations.handler} / ${r.orderViolations.topic}`],
    [
      'DLQ = poison injected',
      `${r.dlq} = ${r.poisonInjected}${r.dlq === r.poisonInjected ? '' : '  ✗'} (copies ${r.dlqCopies}, non-poison ${r.dlqNonPoison})`,
    ],
    ['redeliveries (handler saw an applied event again)', String(r.redeliveries)],
    ['relay re-sends (copies on the topic)', String(r.relayResends)],
    ['unexpected child exits', String(r.unexpectedExits)],
    ['wall time', `${(r.wallMs / 1000).toFixed(1)} s${r.timedOut ? ' (timed out)' : ''}`],
    ['store', r.store],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const line = `+${'-'.repeat(width + 2)}+${'-'.repeat(Math.max(...rows.map(([, v]) => v.length)) + 2)}+`;
  const body = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(line.length - width - 7)} |`);
  return [line, ...body, line, ...r.problems.map((p) => `! ${p}`), ...(r.logDir ? [`logs: ${r.logDir}`] : [])].join(
    '\n',
  );
}

interface Child {
  role: 'writer' | 'consumer';
  slot: number;
  proc: ChildProcess;
  ready: boolean;
  killedByParent: boolean;
  selfKill?: ChildNote['kind'];
  crash?: string;
  armed: boolean;
  exited: Promise<void>;
}

const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

export async function runFaultScenario(o: FaultRunOptions): Promise<FaultReport> {
  const started = Date.now();
  const deadline = started + o.timeoutMs;
  const say = o.progress ?? (() => undefined);
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `appliance-care-faults-${runId}-`));
  const topicPrefix = `faults.${runId}.`;
  const topic = `${topicPrefix}${Topics.deviceFaults}`;
  const groupId = `faults.${runId}.consumer`;
  const plan = makePlan(runId, o.events, o.keys, o.poison);
  const normalTotal = plan.reduce((n, p) => n + p.normal, 0);
  const problems: string[] = [];
  const kills = { writer: 0, relayAfterSend: 0, consumerMidChunk: 0 };
  let brokerRestarts = 0;
  let storeRestarts = 0;
  let unexpectedExits = 0;
  let batchConsumers = 0;
  let allConsumers = 0;

  const [brokerStart, storeStart] = await Promise.allSettled([infra.startScratchKafka(), startScratchFerretDb(runId)]);
  if (brokerStart.status === 'rejected' || storeStart.status === 'rejected') {
    if (brokerStart.status === 'fulfilled') await brokerStart.value.stop();
    if (storeStart.status === 'fulfilled') await storeStart.value.stop();
    throw brokerStart.status === 'rejected' ? brokerStart.reason : (storeStart as PromiseRejectedResult).reason;
  }
  const [broker, store] = [brokerStart.value, storeStart.value];
  say(`private broker ${broker.brokers}, private store ${store.uri} (${store.backend}); logs in ${logDir}`);
  const kafka = new Kafka({
    clientId: 'faults-parent',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 200, retries: 10 },
  });
  let connection: Connection | undefined;
  const children = new Set<Child>();
  let finishing = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  try {
    connection = await mongoose
      .createConnection(store.uri, { dbName: 'faults', serverSelectionTimeoutMS: 5000 })
      .asPromise();
    const aggregates = aggregateModel(connection);
    const effects = effectModel(connection);
    await Promise.all([aggregates.init(), effects.init(), inboxModel(connection).init()]);
    await aggregates.insertMany(
      plan.map((p) => ({ _id: p.key, seq: 0, poisons: 0, outbox: [], outboxPending: false, outboxRev: 0 })),
    );
    await effects.insertMany(plan.map((p) => ({ _id: p.key, last: 0, applied: [], redeliveries: 0, violations: [] })));
    await ensureTopics(kafka, [topic, dlqTopic(topic)]);

    let writerDone = false;
    let writerSpawns = 0;
    let consumerSpawns = 0;
    const childEnv = {
      ...process.env,
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_BROKERS: broker.brokers,
      MONGODB_URI: store.uri,
    };
    const base = { brokers: broker.brokers, mongoUri: store.uri, dbName: 'faults', topic, groupId, plan };
    const armedAlive = (role: Child['role']) => [...children].filter((c) => c.role === role && c.armed).length;

    const spawnChild = (role: Child['role'], slot: number) => {
      let config: ChildConfig;
      let armed = false;
      if (role === 'writer') {
        writerSpawns += 1;
        // every other writer dies right after a send, until enough relay kills happened
        armed = writerSpawns % 2 === 0 && kills.relayAfterSend + armedAlive('writer') < o.relayKills;
        config = {
          ...base,
          role,
          writers: o.writers ?? 4,
          relayBatch: o.relayBatch,
          killAfterSend: armed ? rand(1, 3) : 0,
        };
      } else {
        consumerSpawns += 1;
        allConsumers += 1;
        armed = kills.consumerMidChunk + armedAlive('consumer') < o.consumerKills;
        // incarnations alternate between a per-event handler and a batch handler (handleBatch)
        const batch = consumerSpawns % 2 === 0;
        if (batch) batchConsumers += 1;
        config = {
          ...base,
          role,
          batch,
          chunkSize: o.chunkSize ?? 200,
          sessionTimeoutMs: o.sessionTimeoutMs ?? 10_000,
          dieAfter: armed ? rand(5, 120) : 0,
        };
      }
      const proc = spawn(process.execPath, ['-r', '@swc-node/register', CHILD], {
        cwd: ROOT,
        env: { ...childEnv, FAULT_CHILD: JSON.stringify(config) },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const log = fs.createWriteStream(path.join(logDir, `${role}-${slot}.log`), { flags: 'a' });
      log.write(
        `--- started pid ${proc.pid} at ${new Date().toISOString()} ${JSON.stringify({ killAfterSend: config.killAfterSend, dieAfter: config.dieAfter })}\n`,
      );
      const child: Child = { role, slot, proc, ready: false, killedByParent: false, armed, exited: Promise.resolve() };
      child.exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      children.add(child);
      let buffered = '';
      proc.stdout?.on('data', (d: Buffer) => {
        log.write(d);
        buffered += d.toString();
        let i: number;
        while ((i = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, i);
          buffered = buffered.slice(i + 1);
          if (line.startsWith(MARK)) onNote(child, JSON.parse(line.slice(MARK.length)) as ChildNote);
        }
      });
      proc.stderr?.on('data', (d: Buffer) => log.write(d));
      proc.stdin?.on('error', () => undefined);
      proc.once('exit', (code, signal) => {
        log.end(`--- exited code ${code} signal ${signal} at ${new Date().toISOString()}\n`);
        children.delete(child);
        if (finishing) return;
        if (child.killedByParent) {
          // counted when killed
        } else if (child.selfKill === 'relay-after-send' && signal === 'SIGKILL') {
          kills.relayAfterSend += 1;
        } else if (child.selfKill === 'consumer-mid-chunk' && signal === 'SIGKILL') {
          kills.consumerMidChunk += 1;
        } else {
          unexpectedExits += 1;
          problems.push(
            `${role} ${slot} exited (code ${code}, signal ${signal})${child.crash ? `: ${child.crash}` : ''}; see ${role}-${slot}.log`,
          );
        }
        say(
          `${role} ${slot} exited (${child.killedByParent ? 'killed' : (child.selfKill ?? `code ${code} signal ${signal}`)}); restarting`,
        );
        spawnChild(role, slot);
      });
    };

    const onNote = (child: Child, n: ChildNote) => {
      if (n.note === 'self-kill') child.selfKill = n.kind;
      if (n.note === 'crash') child.crash = n.detail;
      if (n.note === 'written') writerDone = true;
      if (n.note === 'ready') {
        child.ready = true;
        // a writer is killed at a random moment while it writes
        if (child.role === 'writer' && !writerDone && kills.writer < o.writerKills) {
          later(rand(150, 1200), () => {
            if (finishing || writerDone || !children.has(child) || child.selfKill || kills.writer >= o.writerKills)
              return;
            child.killedByParent = true;
            kills.writer += 1;
            child.proc.kill('SIGKILL');
          });
        }
      }
    };

    spawnChild('writer', 0);
    for (let i = 0; i < o.consumers; i++) spawnChild('consumer', i);

    // broker and store restarts at even steps of progress, interleaved
    const restarts: ('broker' | 'store')[] = [];
    for (let i = 0; i < Math.max(o.brokerRestarts, o.storeRestarts); i++) {
      if (i < o.brokerRestarts) restarts.push('broker');
      if (i < o.storeRestarts) restarts.push('store');
    }
    let progress = { written: 0, applied: 0, pending: -1 };
    const readProgress = async () => {
      const [a, e, pending] = await Promise.all([
        aggregates.find({}, { seq: 1, poisons: 1 }).lean(),
        effects.find({}, { last: 1 }).lean(),
        aggregates.countDocuments({ $or: [{ outboxPending: true }, { outboxParked: { $exists: true } }] }),
      ]);
      progress = {
        written: a.reduce((n, d) => n + d.seq + d.poisons, 0),
        applied: e.reduce((n, d) => n + d.last, 0),
        pending,
      };
    };
    let lastSay = 0;
    let done = false;
    let stalled = false;
    // when the progress last changed (a restart counts as a change: the pipeline starts over)
    let lastMove = { at: Date.now(), seen: '' };
    const noteMove = (force = false) => {
      const seen = JSON.stringify(progress);
      if (force || seen !== lastMove.seen) lastMove = { at: Date.now(), seen };
    };
    while (!done) {
      if (Date.now() > deadline) break;
      await readProgress().catch(() => undefined);
      noteMove();
      if (Date.now() - lastMove.at > (o.stallMs ?? o.timeoutMs)) {
        stalled = true;
        break;
      }
      const fraction = (progress.written / o.events + progress.applied / Math.max(1, normalTotal)) / 2;
      const next = restarts[brokerRestarts + storeRestarts];
      if (next && fraction >= (brokerRestarts + storeRestarts + 1) / (restarts.length + 1)) {
        const t = Date.now();
        if (next === 'broker') {
          await broker.restart('SIGKILL');
          brokerRestarts += 1;
        } else {
          await store.restart();
          storeRestarts += 1;
        }
        say(`${next} restarted (SIGKILL) in ${Date.now() - t} ms at ${(fraction * 100).toFixed(0)} % progress`);
        noteMove(true);
        continue;
      }
      if (Date.now() - lastSay > 5000) {
        lastSay = Date.now();
        say(
          `written ${progress.written}/${o.events}, applied ${progress.applied}/${normalTotal}, outboxes pending ${progress.pending}; kills ${JSON.stringify(kills)}`,
        );
      }
      if (!next && progress.written === o.events && progress.applied === normalTotal && progress.pending === 0) {
        done = await quiet(kafka, topic, groupId, o.poison).catch(() => false);
        if (done) break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    const timedOut = !done;
    if (timedOut)
      problems.push(
        `${stalled ? `stalled, nothing moved for ${o.stallMs} ms` : `not complete after ${o.timeoutMs} ms`}: written ${progress.written}/${o.events}, applied ${progress.applied}/${normalTotal}, outboxes pending ${progress.pending}`,
      );

    finishing = true;
    for (const t of timers) clearTimeout(t);
    await stopChildren(children);

    // read back what happened
    const [effectDocs, aggregateDocs, topicMessages, dead] = await Promise.all([
      effects.find({}).lean(),
      aggregates.find({}).lean(),
      readTopic(kafka, topic),
      readTopic(kafka, dlqTopic(topic)),
    ]);
    // lost: written (the store's aggregates say how many per key) and never applied, or poison never dead-lettered
    const planByKey = new Map<string, KeyPlan>(plan.map((p) => [p.key, p]));
    const written = new Map(aggregateDocs.map((a) => [a._id, a]));
    let lost = 0;
    let duplicateEffects = 0;
    let handlerGaps = 0;
    let redeliveries = 0;
    for (const d of effectDocs) {
      const seqs = new Set(d.applied.map((a) => a.seq));
      duplicateEffects += d.applied.length - seqs.size;
      for (let s = 1; s <= (written.get(d._id)?.seq ?? 0); s++) if (!seqs.has(s)) lost += 1;
      handlerGaps += d.violations.length;
      redeliveries += d.redeliveries;
    }
    const poisonWritten = aggregateDocs.reduce((n, a) => n + a.poisons, 0);
    const unwritten = aggregateDocs.reduce(
      (n, a) =>
        n + Math.max(0, (planByKey.get(a._id)?.normal ?? 0) - a.seq + (planByKey.get(a._id)?.poison ?? 0) - a.poisons),
      0,
    );
    if (unwritten) problems.push(`${unwritten} planned events not written before the deadline (not counted as lost)`);

    // the topic: first copies per key must come in sequence; later copies are re-sends
    const seen = new Set<string>();
    const lastSeq = new Map<string, number>();
    let topicGaps = 0;
    let relayResends = 0;
    for (const m of topicMessages) {
      const id = m.headers['ce_id'] ?? '';
      if (seen.has(id)) {
        relayResends += 1;
        continue;
      }
      seen.add(id);
      const e = readFaultEvent(safeJson(m.value));
      if (!e || e.seq === undefined) continue;
      if (e.seq !== (lastSeq.get(e.key) ?? 0) + 1) topicGaps += 1;
      lastSeq.set(e.key, e.seq);
    }
    const mine = dead.filter((m) => m.headers['x-consumer-group'] === groupId);
    const dlqIds = new Set<string>();
    let dlqNonPoison = 0;
    for (const m of mine) {
      const id = m.headers['ce_id'] ?? '';
      if (dlqIds.has(id)) continue;
      dlqIds.add(id);
      if (readFaultEvent(safeJson(m.value))?.poison === undefined || m.headers['x-error-code'] !== 'fault-test-poison')
        dlqNonPoison += 1;
    }
    const dlq = dlqIds.size - dlqNonPoison;
    lost += Math.max(0, poisonWritten - dlq);
    const report: FaultReport = {
      events: o.events,
      normal: normalTotal,
      poisonInjected: poisonWritten,
      keys: o.keys,
      kills,
      consumerProcesses: { all: allConsumers, batch: batchConsumers },
      brokerRestarts,
      storeRestarts,
      lost,
      duplicateEffects,
      orderViolations: { handler: handlerGaps, topic: topicGaps },
      dlq,
      dlqCopies: mine.length - dlqIds.size,
      dlqNonPoison,
      redeliveries,
      relayResends,
      unexpectedExits,
      timedOut,
      wallMs: Date.now() - started,
      store: `FerretDB ${path.basename(path.dirname(store.binary))}, ${store.backend}`,
      problems,
    };
    if (reportHolds(report, o)) fs.rmSync(logDir, { recursive: true, force: true });
    else report.logDir = logDir;
    return report;
  } finally {
    finishing = true;
    for (const t of timers) clearTimeout(t);
    await stopChildren(children);
    await connection?.close().catch(() => undefined);
    await Promise.all([broker.stop(), store.stop()]);
  }
}

/** The consumer group has committed up to the end of every partition and the DLQ holds every poison event. */
async function quiet(kafka: Kafka, topic: string, groupId: string, poison: number): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const at = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    if (!ends.every((p) => BigInt(p.high) === 0n || at.get(p.partition) === BigInt(p.high))) return false;
  } finally {
    await admin.disconnect();
  }
  const dead = await readTopic(kafka, dlqTopic(topic));
  return (
    new Set(dead.filter((m) => m.headers['x-consumer-group'] === groupId).map((m) => m.headers['ce_id'])).size >= poison
  );
}

interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Every message of a topic up to its end as of now, each partition in offset order. */
async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const ends = new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  const byPartition = new Map<number, ReadMessage[]>();
  if (ends.size === 0) return [];
  const consumer = kafka.consumer({
    groupId: `faults-reader-${randomBytes(4).toString('hex')}`,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  try {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const remaining = new Set(ends.keys());
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition);
        if (end === undefined) return;
        const list = byPartition.get(batch.partition) ?? [];
        byPartition.set(batch.partition, list);
        for (const m of batch.messages) {
          if (BigInt(m.offset) >= end) break;
          list.push({
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value?.toString() ?? null,
            headers: textHeaders(m.headers),
          });
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last && BigInt(last.offset) + 1n >= end) {
          remaining.delete(batch.partition);
          if (remaining.size === 0) finish();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`reading ${topic} took over ${timeoutMs} ms`)), timeoutMs)),
      ),
    ]);
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  return [...byPartition.keys()].sort((a, b) => a - b).flatMap((p) => byPartition.get(p) ?? []);
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = v.toString();
  return out;
}

function safeJson(value: string | null): unknown {
  try {
    return value ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

async function stopChildren(children: Set<Child>): Promise<void> {
  const all = [...children];
  for (const c of all) c.proc.kill('SIGTERM');
  await Promise.all(
    all.map(async (c) => {
      const timer = setTimeout(() => c.proc.kill('SIGKILL'), 12_000);
      await c.exited;
      clearTimeout(timer);
    }),
  );
}
