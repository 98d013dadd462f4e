import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What `--chaos` acts on, behind one interface so a test can hand its own: the service instances of
 * `npm start --instances N` (its supervisor's `<run-dir>/services.json`), the brokers of the local
 * Kafka cluster (KAFKA_NODES=3) and the local FerretDB. The names of the infra modules' exports are
 * fixed in this file only (the adapter), so they can follow those modules.
 */
export interface ServiceInstance {
  service: string;
  instance: number;
  port: number;
  pid: number;
  startedAt: string;
}

export interface KafkaNode {
  id: number;
  port: number;
}

export interface KafkaCluster {
  nodes(): Promise<KafkaNode[]>;
  /** ends the broker with the signal and resolves once it is gone */
  stop(id: number, signal: NodeJS.Signals): Promise<void>;
  start(id: number): Promise<void>;
  /** true once the broker answers metadata again */
  answers(node: KafkaNode): Promise<boolean>;
}

export interface ChaosTargets {
  instances(): Promise<ServiceInstance[]>;
  /** SIGKILL; false when no such process (it died already) */
  kill(pid: number): boolean;
  /** /health/ready answers 200 */
  ready(instance: ServiceInstance): Promise<boolean>;
  /** undefined: no cluster tooling on this checkout */
  kafka?: KafkaCluster;
  /** undefined: no store restart here; resolves with what was restarted */
  store?: { restart(): Promise<string> };
}

/** The supervisor's file, read leniently: a missing or half-valid file is no instances, not an error. */
export function parseServicesFile(text: string): ServiceInstance[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: Partial<ServiceInstance>) =>
    typeof entry?.service === 'string' &&
    Number.isInteger(entry.port) &&
    Number.isInteger(entry.pid) &&
    (entry.pid as number) > 0
      ? [
          {
            service: entry.service,
            instance: Number.isInteger(entry.instance) ? (entry.instance as number) : 0,
            port: entry.port as number,
            pid: entry.pid as number,
            startedAt: String(entry.startedAt ?? ''),
          },
        ]
      : [],
  );
}

const ROOT = path.resolve(__dirname, '../..');
export type InfraModule = Record<string, unknown>;

function infraModule(file: string): InfraModule | undefined {
  try {
    // the local infrastructure is plain node (tools/infra/*.js), as in the fault harness
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(ROOT, 'tools', 'infra', file)) as InfraModule;
  } catch {
    return undefined;
  }
}

type NodeFn = (id: number, signal?: string) => unknown;
type Answers = (node: KafkaNode) => Promise<boolean>;

/**
 * The cluster control of the first module that exports kafkaNodes(), stopNode(id, signal) and
 * startNode(id) (the names of tools/infra's cluster mode); undefined when none does.
 */
export function kafkaClusterFrom(
  modules: readonly (InfraModule | undefined)[],
  answers: Answers,
): KafkaCluster | undefined {
  const m = modules.find(
    (candidate) =>
      typeof candidate?.['kafkaNodes'] === 'function' &&
      typeof candidate['stopNode'] === 'function' &&
      typeof candidate['startNode'] === 'function',
  );
  if (!m) return undefined;
  return {
    nodes: async () => ((await (m['kafkaNodes'] as () => unknown)()) as KafkaNode[] | undefined) ?? [],
    stop: async (id, signal) => void (await (m['stopNode'] as NodeFn)(id, signal)),
    start: async (id) => void (await (m['startNode'] as NodeFn)(id)),
    answers,
  };
}

/** The local cluster (kafka-cluster.js, else kafka.js); a broker is back once its port answers metadata. */
export function localKafkaCluster(): KafkaCluster | undefined {
  const kafka = infraModule('kafka.js');
  const common = infraModule('common.js') as { portOpen: (port: number) => Promise<boolean> } | undefined;
  const kafkaAnswers = kafka?.['kafkaAnswers'] as ((config: unknown) => Promise<boolean>) | undefined;
  if (!common) return undefined;
  return kafkaClusterFrom(
    [infraModule('kafka-cluster.js'), kafka],
    async (node) =>
      (await common.portOpen(node.port)) &&
      (kafkaAnswers ? await kafkaAnswers({ brokers: [`127.0.0.1:${node.port}`] }) : true),
  );
}

/** How long a SIGKILLed FerretDB may take to free its port. */
const STORE_DOWN_TIMEOUT_MS = 30_000;

interface Common {
  ports: { ferretdb: number };
  portOpen: (port: number) => Promise<boolean>;
  readPid: (name: string) => number;
  alive: (pid: number) => boolean;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Restarts the FerretDB process tools/infra started (its pid in .run/ferretdb.pid): SIGKILL, then
 * startFerretDb as `infra up` does. PostgreSQL under it keeps running: FerretDB holds no data of its
 * own, so killing it is what the services see of a store outage (every connection dropped, refused
 * until it is back).
 */
export function localStore(): ChaosTargets['store'] {
  const common = infraModule('common.js') as Common | undefined;
  const ferretdb = infraModule('ferretdb.js') as { startFerretDb?: () => Promise<void> } | undefined;
  if (!common || !ferretdb?.startFerretDb) return undefined;
  const start = ferretdb.startFerretDb;
  return {
    restart: async () => {
      const pid = common.readPid('ferretdb');
      if (!pid || !common.alive(pid)) throw new Error('no FerretDB started by tools/infra (.run/ferretdb.pid)');
      process.kill(pid, 'SIGKILL');
      // the port closing is what counts (a killed process may linger as a zombie until its parent reaps it)
      const deadline = Date.now() + STORE_DOWN_TIMEOUT_MS;
      while ((await common.portOpen(common.ports.ferretdb)) && Date.now() < deadline) await common.sleep(100);
      await start();
      return `ferretdb pid ${pid} → ${common.readPid('ferretdb')}`;
    },
  };
}

/** The real targets: `<runDir>/services.json`, signals, /health/ready, the local cluster and store. */
export function localTargets(runDir: string): ChaosTargets {
  return {
    instances: async () =>
      parseServicesFile(await readFile(path.join(runDir, 'services.json'), 'utf8').catch(() => '[]')),
    kill: (pid) => {
      try {
        process.kill(pid, 'SIGKILL');
        return true;
      } catch {
        return false;
      }
    },
    ready: (instance) =>
      fetch(`http://127.0.0.1:${instance.port}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
        (res) => res.status === 200,
        () => false,
      ),
    kafka: localKafkaCluster(),
    store: localStore(),
  };
}
