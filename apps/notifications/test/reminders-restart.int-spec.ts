import mongoose, { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { notificationId } from '@appliance-care/notifications';
import { isolateTestEnv, KafkaProbe, SmtpSink, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import { customerRegistered, ev } from './support/events';
import { NotificationsProcess } from './support/notifications-process';

const LEAD_MS = 20_000;
/** NOTIFY_CONCURRENCY of the child: the most mails that can be accepted by SMTP and not yet recorded at once */
const CONCURRENCY = 4;
const DUE_SOON = 12;
const DUE_AFTER_RESTART = 6;
/** due while the service is down, and its appointment starts before the restart: never sent */
const MISSED_DUE_IN_MS = 25_000;
/**
 * the later ones come due after the missed one's appointment started, so after the restart: the kill
 * (once the first of the soon ones, due at 10 s, are in) lands long before them
 */
const LATER_DUE_IN_MS = MISSED_DUE_IN_MS + LEAD_MS + 10_000;

const booking = (id: string, customerId: string, startInMs: number) => {
  const from = new Date(Date.now() + startInMs);
  return ev(
    'installation.scheduled.v1',
    {
      installationId: `INS-${id}`,
      applianceId: `A-${id}`,
      customerId,
      workOrderId: `WO-${id}`,
      technicianId: 'T-restart',
      technicianName: 'Grace Hopper',
      window: { from: from.toISOString(), to: new Date(from.getTime() + 3600_000).toISOString() },
      attempt: 1,
    },
    `A-${id}`,
  );
};

/**
 * Reminders survive the service: it runs as its own process, is SIGKILLed while due reminders are
 * being sent (others still scheduled for later), and restarted. Every reminder arrives; the ones
 * scheduled before the kill are sent after the restart from the store alone; a reminder is planned
 * once, and only a mail the SMTP server had accepted before the kill may come again (the delivery
 * window of docs/notifications.md, not a second reminder); one due while it was down whose appointment
 * started before the restart is not sent.
 */
describe('reminders across a notifications kill and restart', () => {
  let env: TestEnv;
  let smtp: SmtpSink;
  let probe: KafkaProbe;
  let db: Connection;
  let child: NotificationsProcess | undefined;
  const output = () => child?.output.slice(-2000) ?? '';

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);

  /** The service as its own process, as `npm start` runs it, with this suite's reminder timing. */
  async function startService(): Promise<NotificationsProcess> {
    const proc = new NotificationsProcess();
    await proc.start({
      MONGODB_DATABASE: testDatabase('notifications_reminders_kill', env),
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      KAFKA_GROUP_PREFIX: process.env['KAFKA_GROUP_PREFIX'],
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      NOTIFY_CONCURRENCY: String(CONCURRENCY),
      NOTIFY_LEASE_MS: '3000',
      NOTIFY_POLL_MS: '100',
      REMINDER_LEAD_HOURS: `email:${LEAD_MS / 1000}s`,
      REMINDER_SWEEP_MS: '200',
    });
    return proc;
  }

  beforeAll(async () => {
    env = isolateTestEnv('notifications-reminders-kill');
    smtp = new SmtpSink();
    smtp.delayMs = 250; // a slow mail server keeps reminders in flight when the kill lands
    await smtp.start();
    probe = new KafkaProbe(env.kafkaBrokers);
    db = await mongoose
      .createConnection(env.mongoUri, { dbName: testDatabase('notifications_reminders_kill', env) })
      .asPromise();
  });

  afterAll(async () => {
    await child?.kill();
    await probe?.close();
    await db?.close();
    await smtp?.stop();
  });

  it('sends every reminder once across a SIGKILL, those due after the restart from the store', async () => {
    const total = DUE_SOON + DUE_AFTER_RESTART;
    const customers = Array.from({ length: total }, (_, i) => `C-rk-${i}`);
    for (const c of [...customers, 'C-rk-missed']) await publish(customerRegistered(c));
    child = await startService();
    await waitFor(async () => (await db.collection('recipients').countDocuments({ kind: 'customer' })) === total + 1, {
      timeoutMs: 120_000,
      what: `the service to store the customers (${output()})`,
    });

    const soon = customers.slice(0, DUE_SOON).map((c, i) => booking(`rk-${i}`, c, LEAD_MS + 10_000));
    const later = customers.slice(DUE_SOON).map((c, i) => booking(`rk-later-${i}`, c, LEAD_MS + LATER_DUE_IN_MS));
    const missed = booking('rk-missed', 'C-rk-missed', LEAD_MS + MISSED_DUE_IN_MS);
    const missedStart = Date.now() + LEAD_MS + MISSED_DUE_IN_MS;
    await Promise.all([...soon, ...later, missed].map(publish));
    const idOf = (e: EventEnvelope) =>
      notificationId(`${e.id}:reminder`, (e.data as { customerId: string }).customerId, 'email');
    const soonIds = soon.map(idOf);
    const laterIds = later.map(idOf);
    const arrived = (ids: string[]) => ids.filter((id) => smtp.byNotification(id).length > 0);

    await waitFor(() => arrived(soonIds).length >= 3, {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: `the first reminders (${output()})`,
    });
    await child.kill();
    // the later ones are in the store, nowhere else
    expect(
      await db.collection('scheduled_reminders').countDocuments({ status: 'scheduled', workOrderId: /^WO-rk-later-/ }),
    ).toBe(DUE_AFTER_RESTART);
    const atKill = arrived(soonIds).length;
    // mails whose DATA reached the server before the kill are still accepted by it: let them settle
    await waitFor(
      async () => {
        const n = smtp.mails.length;
        await new Promise((r) => setTimeout(r, 500));
        return smtp.mails.length === n;
      },
      { what: 'the mail server to settle' },
    );
    const beforeRestart = new Set(smtp.mails.map((m) => m.headers['x-notification-id']));
    // down until the missed reminder's appointment has started (a clock to poll, not a sleep)
    await waitFor(() => Date.now() > missedStart, { timeoutMs: LEAD_MS + MISSED_DUE_IN_MS + 5000, intervalMs: 500 });

    child = await startService();
    const all = [...soonIds, ...laterIds];
    await waitFor(() => arrived(all).length === total, {
      timeoutMs: 180_000,
      intervalMs: 250,
      what: `every reminder after the restart (${total - arrived(all).length} missing) ${output()}`,
    });
    await waitFor(
      async () =>
        (await db.collection('scheduled_reminders').countDocuments({ status: 'handed-over' })) === total &&
        (await db.collection('scheduled_reminders').countDocuments({ status: 'skipped' })) === 1 &&
        (await db.collection('notifications').countDocuments({ template: 'appointment-reminder', status: 'sent' })) ===
          total,
      { timeoutMs: 30_000, what: 'every reminder handed over and recorded as sent' },
    );

    const duplicated = all.filter((id) => smtp.byNotification(id).length > 1);
    console.log(
      `[reminder kill test] ${total} reminders; ${atKill} of ${DUE_SOON} due ones accepted before the SIGKILL; ` +
        `mails again after the restart: ${duplicated.length}, window bound ${CONCURRENCY}`,
    );
    // one reminder each: a single notification per (booking, customer, channel)
    expect(await db.collection('notifications').countDocuments({ template: 'appointment-reminder' })).toBe(total);
    expect(duplicated.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const id of duplicated) expect(beforeRestart.has(id)).toBe(true);
    expect(await db.collection('scheduled_reminders').findOne({ workOrderId: 'WO-rk-missed' })).toMatchObject({
      status: 'skipped',
      reason: 'the appointment has started',
    });
    expect(smtp.byNotification(idOf(missed))).toHaveLength(0);
    // the later ones were sent by the restarted process only, once
    for (const id of laterIds) {
      expect(beforeRestart.has(id)).toBe(false);
      expect(smtp.byNotification(id)).toHaveLength(1);
    }
  }, 360_000);
});
