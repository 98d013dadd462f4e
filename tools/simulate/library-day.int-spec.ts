import os from 'node:os';
import path from 'node:path';

import { ServiceProcesses, SmtpSink, uniqueSuffix } from '@appliance-care/testing';

import { LibraryDay } from './library-day';
import { planLibraryDay } from './library-plan';
import { parseOptions } from './options';

const ROOT = path.resolve(__dirname, '../..');
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';
const SEED_FILE = path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json');

/**
 * A short library day against every service started as `npm start` starts them (the seeded library
 * technicians at central and riverside), in a topic and database namespace of its own: every item
 * received reaches the shelf, the damaged one is repaired, each patron who held an item gets one mail.
 */
describe('the simulator: a library day against the running services', () => {
  const run = uniqueSuffix();
  const prefix = `test.simulator.${run}.`; // the shape tools/infra/test-topics.js prunes
  const smtp = new SmtpSink();
  let services: ServiceProcesses;

  beforeAll(async () => {
    await smtp.start();
    const env = { ...process.env, KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_PREFIX: prefix, SMTP_URL: smtp.url };
    services = new ServiceProcesses({ ...env, DISPATCH_SEED_FILE: SEED_FILE }, path.join(os.tmpdir(), `lib-${run}`));
    await services.start(run);
  }, 300_000);

  afterAll(async () => {
    await services?.stop();
    await smtp.stop();
  }, 60_000);

  it('receives, catalogues (copy and original), processes, holds and repairs: nothing lost or duplicated', async () => {
    const argv = ['--library', '--items', '4', '--rate', '4', '--timeout', '120', '--drain-timeout', '5'];
    argv.push('--run-id', run.slice(-8), '--library-services-url', services.url('library-services'));
    const now = Date.now();
    // the first seed whose plan has an original record, a hold and a damaged item (reproducible)
    let options = parseOptions([...argv, '--seed', '1'], process.env, SEED_FILE, now);
    const planOf = (o: typeof options) => planLibraryDay({ ...o.library!, seed: o.seed, runId: o.runId }, now);
    let plan = planOf(options);
    const covers = () =>
      plan.some((i) => i.received.cataloguing === 'original') && plan.some((i) => i.hold) && plan.some((i) => i.damage);
    for (let seed = 2; !covers(); seed++) {
      options = parseOptions([...argv, '--seed', String(seed)], process.env, SEED_FILE, now);
      plan = planOf(options);
    }
    const env = { ...process.env, KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_PREFIX: prefix };
    const day = new LibraryDay({ ...options, library: options.library! }, plan, env);
    const lines: string[] = [];
    const ok = await day.run((line) => lines.push(line));
    const report = lines.join('\n');
    console.log(report);
    const held = plan.filter((i) => i.hold).length;
    const damaged = plan.filter((i) => i.damage).length;
    expect(report).toContain(`4/4 received · 4 registered · 4 shelf-ready · ${damaged}/${damaged} damaged repaired`);
    expect(report).toContain(`${held} mails expected · ${held} sent · 0 failed · 0 lost · 0 duplicated`);
    // the mails the notification events counted did reach the SMTP server, one per patron
    for (const item of plan.filter((i) => i.hold)) expect(smtp.to(item.hold!.email)).toHaveLength(1);
    expect(ok).toBe(true);
  }, 240_000);
});
