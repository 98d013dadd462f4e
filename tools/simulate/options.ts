import path from 'node:path';

import { ChaosSettings, parseInterval, parseSkip } from './chaos-plan';
import { LIBRARY_FLAGS, LIBRARY_USAGE, LibraryOptions, parseLibraryOptions } from './library-options';
import type { SystemLaunch } from './system-launch';

/** Command-line flags (`--purchases 200`) with environment fallbacks for where the system runs. */
export interface SimulatorOptions {
  purchases: number;
  /** purchases published per second */
  rate: number;
  faultRate: number;
  seed: number;
  runId: string;
  concurrency: number;
  installLeadDays: number;
  installsPerDay: number;
  /** give up waiting for lifecycles after this long (ms) once every purchase is sent */
  timeoutMs: number;
  /** then wait at most this long (ms) for the notifications still expected */
  drainMs: number;
  progressMs: number;
  seedFile: string;
  /** technicians hired per region before the run (0: the seeded roster only) */
  techniciansPerRegion: number;
  /** share of purchases that are appliances with a maintenance plan whose first visit falls due now */
  maintenanceRate: number;
  /** share of faults whose repair needs more of its part than van and depot hold */
  partsShortageRate: number;
  /** how long the simulated warehouse takes to deliver what parts.requested.v1 asks for (ms) */
  partsDeliveryMs: number;
  urls: Record<ServiceName, string>;
  /** --instances N / --brokers N: the simulator starts the system itself with them (npm start's flags) */
  launch?: SystemLaunch;
  /** --chaos: kill and restart service instances, a broker and the store during the run */
  chaos?: ChaosOptions;
  /** --library: a library day (items received, catalogued, processed, held, repaired) instead of purchases */
  library?: LibraryOptions;
}

/** What --chaos does, and where it finds its targets. */
export interface ChaosOptions extends ChaosSettings {
  /** where the supervisor of `npm start` keeps services.json */
  runDir: string;
}

/** --technicians-per-region at most: hired ids run up to it (T-SIM-<REGION>-99) */
export const MAX_HIRES_PER_REGION = 99;

export type ServiceName = 'sales-installation' | 'diagnostics' | 'repairs' | 'dispatch' | 'notifications' | 'parts';

const DEFAULT_PORTS: Record<ServiceName, number> = {
  'sales-installation': 3001,
  diagnostics: 3002,
  repairs: 3003,
  dispatch: 3004,
  notifications: 3005,
  parts: 3007,
};

const USAGE = `npm run simulate -- [--purchases N] [--rate R] [--fault-rate F] [--seed S]
  [--run-id ID] [--concurrency C] [--install-lead-days D] [--installs-per-day K]
  [--technicians-per-region N] [--timeout SECONDS] [--drain-timeout SECONDS] [--progress SECONDS]
  [--maintenance-rate M] [--parts-shortage-rate P] [--parts-delivery SECONDS]
  [--instances N] [--brokers N]
  [--chaos [--run-dir DIR] [--chaos-interval MIN-MAX] [--chaos-rounds R] [--chaos-overlap K] [--chaos-skip services,broker,store]]
  [--library [--items N] [--original-rate O] [--hold-rate H] [--damage-rate D] [--library-services-url URL]]
  [--sales-installation-url URL] [--diagnostics-url URL] [--repairs-url URL] [--dispatch-url URL] [--notifications-url URL] [--parts-url URL]
  --maintenance-rate (0.05): share of purchases that are a boiler or air conditioner bought one maintenance
    interval ago, whose first visit sales-installation's sweeper requests during the run (MAINTENANCE_SWEEP_MS, 60 s)
  --parts-shortage-rate (0.1): share of faults whose repair needs more of its part than van and depot hold
  --parts-delivery (5): seconds the simulated warehouse takes to deliver what parts.requested.v1 asks for
  --chaos: every --chaos-interval (20-40) seconds SIGKILL a service instance of <run-dir>/services.json (default
    <repo>/.run, kept by npm start's supervisor) and wait until it is restarted and ready; once, SIGKILL a Kafka
    broker (cluster mode) and start it 10 s later; once, restart FerretDB; the summary gains a chaos section
    (duplicates, double bookings) and the exit code is 1 on any of them. --chaos-rounds (0): the run does not end
    before every instance was killed this many times; --chaos-overlap (1): actions under way at once (1: the next
    pause begins once the last target is back); --chaos-skip: kinds of action not to take
  --instances N, --brokers N: start the system here first, as \`npm start -- --instances N --brokers N\` does
    (without rate limit and Jaeger unless RATE_LIMIT_PER_MINUTE / JAEGER say otherwise; its output in
    .run/simulate-system.log), run against it and stop it at the end; refused while a system is running
${LIBRARY_USAGE}
Environment: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, JWT_SECRET, SIM_<SERVICE>_URL (e.g. SIM_REPAIRS_URL), DISPATCH_SEED_FILE,
  REMINDER_LEAD_HOURS (as the services' notifications: which reminders a booking may bring)`;

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

function num(argv: readonly string[], name: string, fallback: number, check: (n: number) => boolean): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new Error(`--${name}: "${raw}" is not valid\n${USAGE}`);
  return value;
}

/** --help, or a flag the simulator does not know, ends the parse with the usage. */
function rejectUnknownFlags(argv: readonly string[]): void {
  const known = new Set([
    'purchases',
    'rate',
    'fault-rate',
    'seed',
    'run-id',
    'concurrency',
    'install-lead-days',
    'installs-per-day',
    'technicians-per-region',
    'timeout',
    'drain-timeout',
    'progress',
    'maintenance-rate',
    'parts-shortage-rate',
    'parts-delivery',
    'chaos',
    'instances',
    'brokers',
    'run-dir',
    'chaos-interval',
    'chaos-rounds',
    'chaos-skip',
    'chaos-overlap',
    ...LIBRARY_FLAGS,
    ...Object.keys(DEFAULT_PORTS).map((s) => `${s}-url`),
  ]);
  for (const a of argv) {
    if (!a.startsWith('--')) continue;
    const name = a.slice(2).split('=')[0];
    if (name === 'help') throw new Error(USAGE);
    if (!known.has(name)) throw new Error(`unknown flag --${name}\n${USAGE}`);
  }
}

/** Each service's URL: --<service>-url, else SIM_<SERVICE>_URL, else its local port. */
function serviceUrls(argv: readonly string[], env: NodeJS.ProcessEnv): Record<ServiceName, string> {
  return Object.fromEntries(
    (Object.keys(DEFAULT_PORTS) as ServiceName[]).map((s) => {
      const envName = `SIM_${s.toUpperCase().replace(/-/g, '_')}_URL`;
      return [s, (flag(argv, `${s}-url`) ?? env[envName] ?? `http://127.0.0.1:${DEFAULT_PORTS[s]}`).replace(/\/$/, '')];
    }),
  ) as Record<ServiceName, string>;
}

export function parseOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaultSeedFile: string,
  now = Date.now(),
): SimulatorOptions {
  rejectUnknownFlags(argv);
  const urls = serviceUrls(argv, env);
  const purchases = num(argv, 'purchases', 20, (n) => Number.isInteger(n) && n > 0);
  const runId = flag(argv, 'run-id') ?? now.toString(36).slice(-6);
  if (!/^[A-Za-z0-9]{1,16}$/.test(runId)) throw new Error(`--run-id: 1 to 16 letters or digits\n${USAGE}`);
  return {
    purchases,
    rate: num(argv, 'rate', 5, (n) => n > 0),
    faultRate: num(argv, 'fault-rate', 0.2, (n) => n >= 0 && n <= 1),
    seed: num(argv, 'seed', 1, Number.isInteger),
    runId,
    concurrency: num(argv, 'concurrency', 16, (n) => Number.isInteger(n) && n > 0),
    installLeadDays: num(argv, 'install-lead-days', 7, (n) => n >= 0),
    installsPerDay: num(argv, 'installs-per-day', 16, (n) => Number.isInteger(n) && n > 0),
    techniciansPerRegion: num(
      argv,
      'technicians-per-region',
      0,
      (n) => Number.isInteger(n) && n >= 0 && n <= MAX_HIRES_PER_REGION,
    ),
    maintenanceRate: num(argv, 'maintenance-rate', 0.05, (n) => n >= 0 && n <= 1),
    partsShortageRate: num(argv, 'parts-shortage-rate', 0.1, (n) => n >= 0 && n <= 1),
    partsDeliveryMs: num(argv, 'parts-delivery', 5, (n) => n >= 0) * 1000,
    timeoutMs: num(argv, 'timeout', 600 + purchases * 3, (n) => n > 0) * 1000,
    drainMs: num(argv, 'drain-timeout', 120, (n) => n >= 0) * 1000,
    progressMs: num(argv, 'progress', 5, (n) => n > 0) * 1000,
    seedFile: env['DISPATCH_SEED_FILE'] || defaultSeedFile,
    urls,
    chaos: argv.includes('--chaos') ? chaosOptions(argv) : undefined,
    library: argv.includes('--library') ? parseLibraryOptions(argv, env) : undefined,
    launch: flag(argv, 'instances') || flag(argv, 'brokers') ? launchOptions(argv) : undefined,
  };
}

const ROOT = path.resolve(__dirname, '../..');

function launchOptions(argv: readonly string[]): SystemLaunch {
  const count = (n: number) => Number.isInteger(n) && n >= 1 && n <= 9;
  return { instances: num(argv, 'instances', 1, count), brokers: num(argv, 'brokers', 1, count) };
}

function chaosOptions(argv: readonly string[]): ChaosOptions {
  const intervalRaw = flag(argv, 'chaos-interval') ?? '20-40';
  const intervalMs = parseInterval(intervalRaw);
  if (!intervalMs) throw new Error(`--chaos-interval: "${intervalRaw}" is not MIN-MAX seconds\n${USAGE}`);
  const skipRaw = flag(argv, 'chaos-skip') ?? '';
  const skip = parseSkip(skipRaw);
  if (!skip) throw new Error(`--chaos-skip: "${skipRaw}" names something other than services, broker, store\n${USAGE}`);
  return {
    runDir: path.resolve(flag(argv, 'run-dir') ?? path.join(ROOT, '.run')),
    intervalMs,
    rounds: num(argv, 'chaos-rounds', 0, (n) => Number.isInteger(n) && n >= 0),
    skip,
    overlap: num(argv, 'chaos-overlap', 1, (n) => Number.isInteger(n) && n > 0),
    restartTimeoutMs: 180_000,
    brokerDownMs: 10_000,
  };
}
