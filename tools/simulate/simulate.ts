// npm run simulate -- --purchases 200 --rate 5 --fault-rate 0.2 --seed 7
// Drives a running appliance-care (npm start) as the sales system, connected appliances, customers and
// technicians, shows progress, and ends with a summary; exits non-zero when a notification was lost
// or duplicated. See the README's "Simulator" section. `npm run simulate -- --library --items 20` runs a
// library day instead (library-day.ts): receipts, cataloguing, processing, holds, damage and repair.
import path from 'node:path';

import { LibraryDay } from './library-day';
import { planLibraryDay } from './library-plan';
import { loadMaintenancePlans } from './maintenance';
import { parseOptions, SimulatorOptions } from './options';
import { planPurchases } from './plan';
import { hiredTechnicians, loadRoster } from './roster';
import { Simulation } from './simulation';
import { launchSystem } from './system-launch';

const ROOT = path.resolve(__dirname, '../..');
// kafkajs' notice about its v2 partitioner change concerns nobody here
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';

async function main(): Promise<number> {
  const options = parseOptions(
    process.argv.slice(2),
    process.env,
    path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json'),
  );
  const system = options.launch && (await launchSystem(options.launch, options.urls['sales-installation']));
  if (system) {
    process.env['KAFKA_BROKERS'] = system.brokers;
    const { instances, brokers } = options.launch!;
    console.log(
      `[sim] started the system: ${instances} instance(s) of every service, ${brokers} Kafka broker(s) (${system.brokers})`,
    );
  }
  try {
    return await simulate(options);
  } finally {
    await system?.stop();
  }
}

async function simulate(options: SimulatorOptions): Promise<number> {
  if (options.library) return libraryDay({ ...options, library: options.library });
  const seeded = loadRoster(options.seedFile);
  const hired = hiredTechnicians(seeded, options.techniciansPerRegion);
  const roster = [...seeded, ...hired];
  // the plans sales-installation attaches at registration (its data file; no variable names another)
  const maintenancePlans = loadMaintenancePlans(
    path.join(ROOT, 'libs/sales-installation/src/data/maintenance-plans.json'),
  );
  const plan = planPurchases({ ...options, maintenancePlans, now: Date.now() }, roster);
  const items = plan.reduce((n, p) => n + p.items.length, 0);
  const installs = plan.reduce((n, p) => n + p.items.filter((i) => i.installation).length, 0);
  const faults = plan.reduce((n, p) => n + p.items.filter((i) => i.fault).length, 0);
  const short = plan.reduce((n, p) => n + p.items.filter((i) => i.fault?.partsShortage).length, 0);
  const maintained = plan.reduce((n, p) => n + p.items.filter((i) => i.maintenance).length, 0);
  console.log(
    `[sim] run ${options.runId} (seed ${options.seed}): ${plan.length} purchases, ${items} appliances, ${installs} installations, ${faults} faulty (${short} short of parts), ${maintained} due for maintenance; ` +
      `topic prefix "${process.env['KAFKA_TOPIC_PREFIX'] ?? ''}", sales-installation at ${options.urls['sales-installation']}`,
  );
  const simulation = new Simulation(options, plan, roster, hired);
  process.once('SIGINT', () => {
    console.log('\n[sim] interrupted: summarising what happened so far (Ctrl-C again to quit at once)');
    simulation.stop();
    process.once('SIGINT', () => process.exit(130));
  });
  const ok = await simulation.run((line) => console.log(line));
  return ok ? 0 : 1;
}

/** `--library`: items received, catalogued, processed, held, damaged and repaired instead of purchases. */
async function libraryDay(options: SimulatorOptions & { library: NonNullable<SimulatorOptions['library']> }) {
  const plan = planLibraryDay({ ...options.library, seed: options.seed, runId: options.runId });
  const held = plan.filter((i) => i.hold).length;
  const original = plan.filter((i) => i.received.cataloguing === 'original').length;
  const damaged = plan.filter((i) => i.damage).length;
  console.log(
    `[sim] library day ${options.runId} (seed ${options.seed}): ${plan.length} items (${original} original cataloguing), ${held} held by patrons, ${damaged} to be found damaged; library-services at ${options.library.libraryUrl}`,
  );
  const ok = await new LibraryDay(options, plan).run((line) => console.log(line));
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`[sim] ${err.message}`);
    process.exit(2);
  },
);
