import mongoose, { Connection } from 'mongoose';

import { LinkClaims, LinkSigner } from '@appliance-care/auth';
import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { notificationId } from '@appliance-care/notifications';
import { http, tokenFor } from '@appliance-care/service-testing';
import {
  isolateTestEnv,
  KafkaProbe,
  linkTokens,
  mailParts,
  SmtpSink,
  testDatabase,
  TestEnv,
  waitFor,
} from '@appliance-care/testing';

import { customerRegistered, technicianRegistered } from './support/events';
import { SmsProviderTestDouble } from './support/http-test-servers';
import {
  Booking,
  diagnosisCompleted,
  installationCompleted,
  installationScheduled,
  repairCompleted,
  windowIn,
  workOrderAssigned,
} from './support/lifecycle-events';
import { NotificationsProcess } from './support/notifications-process';

const SECRET = 'signed-links-spec-secret-0123456789';
const APPOINTMENT_URL = 'https://care.example.test/api/v1/appointment-links';
const FEEDBACK_URL = 'https://portal.example.test/api/v1/feedback-links';
const DAY_MS = 24 * 3600_000;

/**
 * The links of customers' booking and completion messages, through the service as its own process
 * (its whole log output captured), the real broker, store, SMTP server and an SMS provider stand-in:
 * signed as dispatch and the portal verify them, the same on every channel and every retry, never logged.
 */
describe('signed links in customers’ messages', () => {
  let env: TestEnv;
  let db: Connection;
  let probe: KafkaProbe;
  const service = new NotificationsProcess();
  const smtp = new SmtpSink();
  const sms = new SmsProviderTestDouble();
  const signer = new LinkSigner(SECRET);
  /** every token a message carried: none may appear in the log */
  const seen = new Set<string>();

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);
  const phoneOf = (id: string) => `+44163296${id.replace(/\D/g, '').padStart(4, '0').slice(-4)}`;
  const register = (id: string, n: number, locale = 'en-GB') =>
    publish(
      id.startsWith('T-')
        ? technicianRegistered(id, { locale, phone: phoneOf(String(n)) })
        : customerRegistered(id, { locale, phone: phoneOf(String(n)) }),
    );

  /** The mail text, HTML and SMS of `event` to `recipientId` once both arrived, with the link tokens each carries. */
  async function messageOf(event: EventEnvelope, recipientId: string, kind: 'appointment' | 'feedback') {
    const emailId = notificationId(event.id, recipientId, 'email');
    const smsId = notificationId(event.id, recipientId, 'sms');
    await waitFor(
      () => smtp.byNotification(emailId).length > 0 && sms.messages.some((m) => m.idempotencyKey === smsId),
      {
        timeoutMs: 60_000,
        what: `${event.type} mail and SMS to ${recipientId}`,
      },
    );
    expect(smtp.byNotification(emailId)).toHaveLength(1);
    expect(sms.messages.filter((m) => m.idempotencyKey === smsId)).toHaveLength(1);
    const { text, html } = await mailParts(smtp.byNotification(emailId)[0]);
    const smsText = sms.messages.find((m) => m.idempotencyKey === smsId)!.text;
    const tokens = { text: linkTokens(text, kind), html: linkTokens(html, kind), sms: linkTokens(smsText, kind) };
    for (const token of [...tokens.text, ...tokens.html, ...tokens.sms]) seen.add(token);
    return { text, html, sms: smsText, tokens };
  }

  /** The one link of a message, the same in the mail's text and HTML and in the SMS, verified. */
  async function linkOf(
    event: EventEnvelope,
    recipientId: string,
    kind: 'appointment' | 'feedback',
  ): Promise<LinkClaims> {
    const { text, tokens } = await messageOf(event, recipientId, kind);
    expect(tokens.text).toHaveLength(1);
    expect(tokens).toEqual({ text: tokens.text, html: tokens.text, sms: tokens.text });
    expect(text).toContain(`${kind === 'appointment' ? APPOINTMENT_URL : FEEDBACK_URL}/${tokens.text[0]}`);
    return signer.verify(tokens.text[0], kind);
  }

  const booking = (id: string, kind: Booking['kind'], customerId = 'C-ln-1'): Booking => ({
    workOrderId: `WO-${id}`,
    kind,
    applianceId: `A-${id}`,
    customerId,
    technicianId: 'T-ln',
    window: windowIn(30 + id.length),
  });

  beforeAll(async () => {
    env = isolateTestEnv('notifications-links');
    await Promise.all([smtp.start(), sms.start()]);
    probe = new KafkaProbe(env.kafkaBrokers);
    const database = testDatabase('notifications_links', env);
    db = await mongoose.createConnection(env.mongoUri, { dbName: database }).asPromise();
    await register('C-ln-1', 1);
    await register('C-ln-2', 2, 'de-DE');
    await register('C-ln-3', 3);
    await register('T-ln', 9);
    await service.start({
      MONGODB_DATABASE: database,
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      KAFKA_GROUP_PREFIX: process.env['KAFKA_GROUP_PREFIX'],
      SMTP_URL: smtp.url,
      SMS_API_URL: sms.url,
      // as talkative as the service gets: nothing it logs may carry a link
      LOG_LEVEL: 'debug',
      LINK_SIGNING_SECRET: SECRET,
      APPOINTMENT_LINK_URL: APPOINTMENT_URL,
      FEEDBACK_LINK_URL: `${FEEDBACK_URL}/`,
      FEEDBACK_LINK_DAYS: '10',
      NOTIFY_POLL_MS: '100',
      NOTIFY_RETRY_BASE_MS: '100',
      NOTIFY_RETRY_MAX_MS: '500',
      NOTIFY_RECIPIENT_SWEEP_MS: '300',
    });
    await waitFor(
      async () =>
        (await db
          .collection('recipients')
          .countDocuments({ _id: { $in: ['C-ln-1', 'C-ln-2', 'C-ln-3', 'T-ln'] as never[] } })) === 4,
      {
        timeoutMs: 60_000,
        what: `the recipients (${service.output.slice(-2000)})`,
      },
    );
  }, 240_000);

  afterAll(async () => {
    await service.stop();
    await probe?.close();
    await db?.close();
    await Promise.all([smtp.stop(), sms.stop()]);
  });

  it('gives every booking an appointment link on mail and SMS with the claims dispatch checks; the technician none', async () => {
    const install = booking('ln-i', 'installation');
    const visit = booking('ln-v', 'diagnostic-visit', 'C-ln-2');
    const repair = booking('ln-r', 'repair');
    const events = [installationScheduled(install), workOrderAssigned(visit), workOrderAssigned(repair)];
    for (const e of events) await publish(e);
    const bookings: [EventEnvelope, Booking][] = [
      [events[0], install],
      [events[1], visit],
      [events[2], repair],
    ];
    for (const [event, b] of bookings) {
      const claims = await linkOf(event, b.customerId, 'appointment');
      // ref is the window start exactly as the event wrote it: a moved appointment's link is stale
      expect(claims).toMatchObject({
        purpose: 'appointment',
        subject: b.workOrderId,
        customerId: b.customerId,
        ref: b.window!.from,
      });
      expect(claims.expiresAt.getTime()).toBe(Math.floor(Date.parse(b.window!.from) / 1000) * 1000);
    }
    const german = await messageOf(events[1], 'C-ln-2', 'appointment');
    expect(german.text).toContain('Termin verschieben oder absagen: ');
    // the technician's booking message acts for nobody's appointment
    const technician = await messageOf(events[2], 'T-ln', 'appointment');
    expect(`${technician.text}${technician.html}${technician.sms}`).not.toContain('-links/');
  });

  it('signs the link of a booking that waited for its customer', async () => {
    const late = booking('ln-late', 'repair', 'C-ln-late');
    const event = workOrderAssigned(late);
    await publish(event);
    await waitFor(() => db.collection('recipient_waits').findOne({ sourceEventId: event.id }), { what: 'the wait' });
    await register('C-ln-late', 4);
    expect(await linkOf(event, 'C-ln-late', 'appointment')).toMatchObject({
      subject: late.workOrderId,
      ref: late.window!.from,
    });
  });

  it('gives every completion a survey link for FEEDBACK_LINK_DAYS; a diagnosis without a visit or before a repair none', async () => {
    const job = booking('ln-done', 'installation');
    const done = [installationCompleted(job), repairCompleted(job), diagnosisCompleted(job, 'no-fault-found')];
    const remote = diagnosisCompleted({ ...job, applianceId: 'A-ln-remote' }, 'resolved', false);
    const toRepair = diagnosisCompleted({ ...job, applianceId: 'A-ln-torepair' }, 'repair-required');
    const before = Date.now();
    for (const e of [...done, remote, toRepair]) await publish(e);
    const expected = [
      { subject: `I-${job.applianceId}`, ref: 'installation' },
      { subject: `R-${job.applianceId}`, ref: 'repair' },
      { subject: `K-${job.applianceId}`, ref: 'diagnostic-visit' },
    ];
    for (const [i, event] of done.entries()) {
      const claims = await linkOf(event, 'C-ln-1', 'feedback');
      expect(claims).toMatchObject({ purpose: 'feedback', customerId: 'C-ln-1', ...expected[i] });
      expect(claims.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor((before + 10 * DAY_MS) / 1000) * 1000);
      expect(claims.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 10 * DAY_MS);
    }
    for (const event of [remote, toRepair]) {
      const message = await messageOf(event, 'C-ln-1', 'feedback');
      expect(`${message.text}${message.html}${message.sms}`).not.toContain('-links/');
    }
  });

  it('sends the planned link once, after a retry on each channel and a redelivered event', async () => {
    // every earlier SMS is in: the provider's next answer (503) is this test's
    await waitFor(() => sms.messages.length === sms.requests, { what: 'earlier SMS settled' });
    let refused = 0;
    smtp.reject = (to) =>
      to === 'c-ln-3@example.org' && refused++ === 0 ? { code: 451, message: 'greylisted, try again' } : undefined;
    sms.failNext = 1;
    const requestsBefore = sms.requests;
    // a technician not known here: only the customer's SMS is sent, so the provider's 503 is theirs
    const event = workOrderAssigned({ ...booking('ln-retry', 'repair', 'C-ln-3'), technicianId: 'T-ln-unknown' });
    await publish(event);
    await publish(event); // redelivered
    const claims = await linkOf(event, 'C-ln-3', 'appointment');
    expect(claims.subject).toBe('WO-ln-retry');
    expect(refused).toBe(2); // refused once, accepted on the retry
    expect(sms.requests - requestsBefore).toBe(2); // 503, then the retry
    const emailId = notificationId(event.id, 'C-ln-3', 'email');
    const stored = await db.collection('notifications').findOne({ _id: emailId as never });
    expect(stored?.['attempts']).toBe(2);
    const sent = linkTokens((await mailParts(smtp.byNotification(emailId)[0])).text, 'appointment');
    expect(linkTokens(String(stored?.['content']?.text), 'appointment')).toEqual(sent);
    // email, SMS, in-app: the redelivery planned nothing more
    expect(
      await db.collection('notifications').countDocuments({ sourceEventId: event.id, recipientId: 'C-ln-3' }),
    ).toBe(3);
  });

  it('shows a customer their links and staff the same messages with the links redacted', async () => {
    const customer = await tokenFor('customer', { customerId: 'C-ln-1' });
    const dispatcher = await tokenFor('dispatcher');
    const list = (token: string) =>
      http('GET', `${service.url}/api/v1/notifications?recipientId=C-ln-1&limit=500`, { token });
    const feed = (token: string) => http('GET', `${service.url}/api/v1/recipients/C-ln-1/feed?limit=200`, { token });
    for (const read of [list, feed]) {
      const own = JSON.stringify((await read(customer)).body);
      const staff = await read(dispatcher);
      expect(staff.status).toBe(200);
      const staffText = JSON.stringify(staff.body);
      expect(own).toMatch(/appointment-links\/[\w-]+\.[\w-]+\.[\w-]+/);
      expect(own).toMatch(/feedback-links\/[\w-]+\.[\w-]+\.[\w-]+/);
      expect(staffText).toContain('appointment-links/[redacted]');
      expect(staffText).toContain('feedback-links/[redacted]');
      for (const token of seen) expect(staffText).not.toContain(token);
    }
  });

  it('logs no link, nor the signing secret', async () => {
    await service.stop();
    // the capture works: the API calls above were logged
    expect(service.output).toContain('/api/v1/notifications');
    expect(seen.size).toBeGreaterThanOrEqual(8);
    const leaked = [...seen].filter(
      (token) => service.output.includes(token) || service.output.includes(token.split('.')[2]),
    );
    expect(leaked).toEqual([]);
    expect(service.output).not.toContain(SECRET);
  });
});
