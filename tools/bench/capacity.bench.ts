// npm run bench:capacity -- [--rates 1,2,5,10,15,25,40] [--step-seconds 60] [--fault-rate 0.2]
//   [--technicians-per-region 5] [--all]
// Steps the purchase rate up against a running system (npm start), one simulator run per step, and
// reports per step the p50/p99 of the lifecycle's stages, every service's consumer lag and each
// process's CPU. The capacity is the highest rate whose p99s all stay under 5 s with the lag not
// growing; stepping stops at the first rate that fails (--all runs every step).
import path from 'node:path';

import { loadMaintenancePlans } from '../simulate/maintenance';
import { parseOptions, SimulatorOptions } from '../simulate/options';
import { planPurchases } from '../simulate/plan';
import { hiredTechnicians, loadRoster, RosterTechnician } from '../simulate/roster';
import { Simulation } from '../simulate/simulation';
import { capacityOf, judgeStep, StepVerdict } from './capacity/capacity-verdict';
import { consumerLag } from './capacity/consumer-lag';
import { cpuShares, sampleCpu } from './capacity/process-cpu';

const ROOT = path.resolve(__dirname, '../..');
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';

/** The stages the capacity is judged on (the simulator's stage keys). */
const JUDGED = ['purchaseToScheduled', 'faultToCase', 'caseToAssigned', 'eventToNotification'] as const;

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

interface StepResult {
  rate: number;
  stages: Record<string, { p50?: number; p99?: number; count: number }>;
  maxLag: Map<string, number>;
  cpu: Map<string, number>;
  verdict: StepVerdict;
}

function stepOptions(rate: number, stepSeconds: number, index: number): SimulatorOptions {
  const purchases = Math.max(1, Math.round(rate * stepSeconds));
  const flags = {
    purchases,
    rate,
    'fault-rate': arg('fault-rate', '0.2'),
    'technicians-per-region': arg('technicians-per-region', '5'),
    'run-id': `cap${Date.now().toString(36).slice(-5)}s${index}`,
    seed: 100 + index,
    timeout: Math.max(180, stepSeconds * 3),
    'drain-timeout': 30,
    progress: 10,
  };
  const argv = Object.entries(flags).flatMap(([k, v]) => [`--${k}`, String(v)]);
  return parseOptions(argv, process.env, path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json'));
}

/** Every service's URL, the portal's too: the lag is read from each one's /metrics. */
function metricsUrls(options: SimulatorOptions): Record<string, string> {
  return { ...options.urls, portal: process.env['SIM_PORTAL_URL'] ?? 'http://127.0.0.1:3000' };
}

async function runStep(rate: number, stepSeconds: number, index: number, roster: RosterTechnician[]) {
  const options = stepOptions(rate, stepSeconds, index);
  const plans = loadMaintenancePlans(path.join(ROOT, 'libs/sales-installation/src/data/maintenance-plans.json'));
  const plan = planPurchases({ ...options, maintenancePlans: plans, now: Date.now() }, roster);
  const hired = hiredTechnicians(roster, options.techniciansPerRegion);
  const simulation = new Simulation(options, plan, [...roster, ...hired], hired);
  const lagSamples: number[] = [];
  const maxLag = new Map<string, number>();
  const sendingEnds = Date.now() + stepSeconds * 1000;
  const cpuBefore = sampleCpu();
  const startedAt = Date.now();
  let cpu = new Map<string, number>();
  const sampler = setInterval(async () => {
    const lags = await consumerLag(metricsUrls(options));
    for (const [service, lag] of lags) maxLag.set(service, Math.max(maxLag.get(service) ?? 0, lag));
    if (Date.now() <= sendingEnds) lagSamples.push([...lags.values()].reduce((a, b) => a + b, 0));
    else if (cpu.size === 0) cpu = cpuShares(cpuBefore, sampleCpu(), (Date.now() - startedAt) / 1000);
  }, 3000);
  try {
    await simulation.run((line) => {
      if (line.startsWith('[sim')) console.log(`  ${rate}/s ${line}`);
    });
  } finally {
    clearInterval(sampler);
  }
  if (cpu.size === 0) cpu = cpuShares(cpuBefore, sampleCpu(), (Date.now() - startedAt) / 1000);
  const outcome = simulation.outcome();
  const stages = Object.fromEntries(outcome.stages.map((s) => [s.stage, s]));
  const verdict = judgeStep({
    rate,
    p99s: Object.fromEntries(JUDGED.map((s) => [s, stages[s]?.p99])),
    lagSamples,
    unfinished: outcome.unfinished,
    lost: outcome.notifications.lost,
    duplicated: outcome.notifications.duplicates,
  });
  return { rate, stages, maxLag, cpu, verdict } satisfies StepResult;
}

const secs = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const cell = (step: StepResult, stage: string) => `${secs(step.stages[stage]?.p50)} / ${secs(step.stages[stage]?.p99)}`;
const top = (values: Map<string, number>, digits: number) =>
  [...values]
    .sort((a, b) => b[1] - a[1])
    .map(([name, v]) => `${name} ${v.toFixed(digits)}`)
    .join(', ');

function table(steps: readonly StepResult[]): string {
  const head =
    '| purchases/s | purchase → installation scheduled p50 / p99 | fault → case | case → ticket assigned | event → notification sent | max consumer lag | CPU, % of one core | kept up |';
  const rows = steps.map(
    (s) =>
      `| ${s.rate} | ${JUDGED.map((stage) => cell(s, stage)).join(' | ')} | ${top(s.maxLag, 0)} | ${top(s.cpu, 0)} | ${s.verdict.keptUp ? 'yes' : `no: ${s.verdict.reason}`} |`,
  );
  return [head, `|${'---|'.repeat(8)}`, ...rows].join('\n');
}

async function main(): Promise<void> {
  const rates = arg('rates', '1,2,5,10,15,25,40').split(',').map(Number);
  const stepSeconds = Number(arg('step-seconds', '60'));
  if (rates.some((r) => !(r > 0)) || !(stepSeconds > 0))
    throw new Error('--rates: positive numbers; --step-seconds: > 0');
  const roster = loadRoster(
    process.env['DISPATCH_SEED_FILE'] || path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json'),
  );
  const steps: StepResult[] = [];
  for (const [index, rate] of rates.entries()) {
    console.log(`[capacity] step ${index + 1}/${rates.length}: ${rate} purchases/s for ${stepSeconds} s`);
    const step = await runStep(rate, stepSeconds, index, roster);
    steps.push(step);
    console.log(
      `[capacity] ${rate}/s: ${step.verdict.keptUp ? 'kept up' : 'did not keep up'} (${step.verdict.reason})`,
    );
    if (!step.verdict.keptUp && !process.argv.includes('--all')) break;
  }
  console.log(`\n${table(steps)}\n`);
  const capacity = capacityOf(steps);
  console.log(
    `capacity: ${capacity === undefined ? `below ${rates[0]}` : capacity} purchases/s (every p99 < 5 s, lag not growing)`,
  );
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`[capacity] ${err.message}`);
    process.exit(2);
  },
);
