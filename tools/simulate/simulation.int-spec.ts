import os from 'node:os';
import path from 'node:path';

import { ServiceProcesses, SmtpSink, uniqueSuffix } from '@appliance-care/testing';

import { loadMaintenancePlans } from './maintenance';
import { parseOptions, ServiceName } from './options';
import { PlannedPurchase, planPurchases } from './plan';
import { loadRoster } from './roster';
import { Simulation } from './simulation';

const ROOT = path.resolve(__dirname, '../..');
const SEED_FILE = path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json');
const roster = loadRoster(SEED_FILE);
const SIMULATED: ServiceName[] = ['sales-installation', 'diagnostics', 'repairs', 'dispatch', 'notifications', 'parts'];
const plans = loadMaintenancePlans(path.join(ROOT, 'libs/sales-installation/src/data/maintenance-plans.json'));

/** A repair that will wait for parts: the visit finds it (no guidance fixes it first) and names more than stock holds. */
const shortRepair = (p: PlannedPurchase) =>
  p.items.some((i) => i.fault?.partsShortage && i.fault.visitOutcome === 'repair-required' && !i.fault.guidanceFixes);

/**
 * A short run of the simulator against every service started as `npm start` starts them (their own
 * processes, default settings: the seeded roster and stock, the maintenance sweeper's 60 s), in a
 * topic and database namespace of its own: a maintained appliance's visit is requested, booked and
 * completed; a repair short of parts waits, the warehouse delivers, and the return visit completes it;
 * no notification the rules give is lost or duplicated.
 */
describe('the simulator against the running services', () => {
  const run = uniqueSuffix();
  const prefix = `test.simulator.${run}.`; // the shape tools/infra/test-topics.js prunes
  const smtp = new SmtpSink();
  let services: ServiceProcesses;

  beforeAll(async () => {
    await smtp.start();
    const env = { ...process.env, KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_PREFIX: prefix, SMTP_URL: smtp.url };
    // as tools/start.js starts them: the seeded roster (ServiceProcesses seeds the parts stock itself)
    services = new ServiceProcesses(
      { ...env, DISPATCH_SEED_FILE: SEED_FILE },
      path.join(os.tmpdir(), `sim-${run}`),
      'sim',
    );
    await services.start(run);
  }, 300_000);

  afterAll(async () => {
    await services?.stop();
    await smtp.stop();
  }, 60_000);

  it('runs maintenance and a parts shortage through to the end', async () => {
    const argv = ['--purchases', '6', '--rate', '2', '--fault-rate', '0.6', '--maintenance-rate', '0.3'];
    argv.push('--parts-shortage-rate', '1', '--parts-delivery', '2', '--timeout', '600', '--drain-timeout', '60');
    argv.push('--run-id', run.slice(-8), ...SIMULATED.flatMap((s) => [`--${s}-url`, services.url(s)]));
    const now = Date.now();
    // the first seed whose plan has both: the same seed gives the same plan, so the run is reproducible
    let options = parseOptions([...argv, '--seed', '1'], process.env, SEED_FILE, now);
    let plan = planPurchases({ ...options, maintenancePlans: plans, now }, roster);
    for (let seed = 2; !(plan.some((p) => p.items.some((i) => i.maintenance)) && plan.some(shortRepair)); seed++) {
      options = parseOptions([...argv, '--seed', String(seed)], process.env, SEED_FILE, now);
      plan = planPurchases({ ...options, maintenancePlans: plans, now }, roster);
    }
    const env = { ...process.env, KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_PREFIX: prefix };
    const simulation = new Simulation(options, plan, roster, [], env);
    const lines: string[] = [];
    const ok = await simulation.run((line) => lines.push(line));
    const report = lines.join('\n');
    console.log(report);
    expect(report).toMatch(/ 0 lifecycles stalled · 0 unfinished/);
    expect(report).toMatch(/maintenance +[1-9]\d* visits requested .* [1-9]\d* booked · (\d+)\/\1 completed/);
    expect(report).toMatch(
      /parts +[1-9]\d* tickets waited for parts .* [1-9]\d* stock receipts · [1-9]\d* arrived · [1-9]\d* return visits completed/,
    );
    expect(ok).toBe(true);
  }, 900_000);
});
