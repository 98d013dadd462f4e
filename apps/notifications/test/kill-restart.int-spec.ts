import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import mongoose, { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { notificationId } from '@appliance-care/notifications';
import { isolateTestEnv, KafkaProbe, SmtpSink, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import { applianceRegistered, customerRegistered } from './support/events';

const ROOT = path.resolve(__dirname, '../../..');
const CUSTOMERS = 10;
const PER_CUSTOMER = 8;
const TOTAL = CUSTOMERS * PER_CUSTOMER;
/** NOTIFY_CONCURRENCY of the child: the most emails that can be accepted by SMTP and not yet recorded at once */
const CONCURRENCY = 8;

/**
 * The service as its own process, SIGKILLed while most of 80 events are still in flight, then
 * restarted: every notification must arrive, and only mails in the documented window (accepted by
 * SMTP, not yet recorded as sent) may arrive twice.
 */
describe('notifications killed mid-batch and restarted', () => {
  let env: TestEnv;
  let smtp: SmtpSink;
  let probe: KafkaProbe;
  let db: Connection;
  let child: ChildProcess | undefined;
  let output = '';

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);

  function startService(): ChildProcess {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/notifications/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        MONGODB_DATABASE: testDatabase('notifications_kill', env),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        KAFKA_GROUP_PREFIX: process.env['KAFKA_GROUP_PREFIX'],
        SMTP_URL: smtp.url,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        LOG_LEVEL: 'warn',
        NOTIFY_CONCURRENCY: String(CONCURRENCY),
        NOTIFY_LEASE_MS: '3000',
        NOTIFY_POLL_MS: '100',
        NOTIFY_RETRY_BASE_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (d) => (output += d));
    proc.stderr?.on('data', (d) => (output += d));
    return proc;
  }

  async function kill(proc: ChildProcess): Promise<void> {
    if (proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    env = isolateTestEnv('notifications-kill');
    smtp = new SmtpSink();
    smtp.delayMs = 100; // a slow mail server keeps many sends in flight when the kill lands
    await smtp.start();
    probe = new KafkaProbe(env.kafkaBrokers);
    db = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('notifications_kill', env) }).asPromise();
  });

  afterAll(async () => {
    if (child) await kill(child);
    await probe?.close();
    await db?.close();
    await smtp?.stop();
  });

  it('delivers every notification after a SIGKILL mid-batch; duplicates stay within the window', async () => {
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `C-kill-${i}`);
    for (const c of customers) await publish(customerRegistered(c));
    child = startService();
    await waitFor(async () => (await db.collection('recipients').countDocuments({ kind: 'customer' })) === CUSTOMERS, {
      timeoutMs: 90_000,
      what: `the service to store the customers (${output.slice(-2000)})`,
    });

    const events = customers.flatMap((c, i) =>
      Array.from({ length: PER_CUSTOMER }, (_, j) => applianceRegistered(`A-kill-${i}-${j}`, c)),
    );
    const expected = events.map((e) => notificationId(e.id, (e.data as { customerId: string }).customerId, 'email'));
    await Promise.all(events.map(publish));

    await waitFor(() => smtp.mails.length >= 10, {
      timeoutMs: 60_000,
      what: `the first mails (${output.slice(-2000)})`,
    });
    await kill(child);
    const atKill = smtp.mails.length;
    expect(TOTAL - atKill).toBeGreaterThanOrEqual(50);
    // mails whose DATA reached the server before the kill are still accepted by it: let them settle
    await waitFor(
      async () => {
        const n = smtp.mails.length;
        await new Promise((r) => setTimeout(r, 300));
        return smtp.mails.length === n;
      },
      { what: 'the mail server to settle' },
    );
    const beforeRestart = new Set(smtp.mails.map((m) => m.headers['x-notification-id']));

    child = startService();
    await waitFor(() => expected.every((id) => smtp.byNotification(id).length > 0), {
      timeoutMs: 150_000,
      intervalMs: 250,
      what: `every mail after the restart (${expected.filter((id) => !smtp.byNotification(id).length).length} missing) ${output.slice(-2000)}`,
    });
    await waitFor(
      async () => (await db.collection('notifications').countDocuments({ channel: 'email', status: 'sent' })) === TOTAL,
      {
        timeoutMs: 30_000,
        what: 'every email recorded as sent',
      },
    );

    const duplicated = expected.filter((id) => smtp.byNotification(id).length > 1);
    const duplicates = duplicated.reduce((sum, id) => sum + smtp.byNotification(id).length - 1, 0);
    console.log(
      `[kill test] ${TOTAL} emails; ${atKill} accepted before the SIGKILL, ${TOTAL - atKill} in flight; ` +
        `duplicates after restart: ${duplicates} (${((duplicates / TOTAL) * 100).toFixed(1)} %), window bound ${CONCURRENCY}`,
    );

    expect(expected.filter((id) => smtp.byNotification(id).length === 0)).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    // only a mail the server already had before the restart can have been sent again
    for (const id of duplicated) expect(beforeRestart.has(id)).toBe(true);
    expect(smtp.mails.every((m) => m.headers['x-event-type'] === 'appliance.registered.v1')).toBe(true);
  }, 300_000);
});
