import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import {
  loadNotificationsConfig,
  notificationId,
  ResolvedAddress,
  systemResolver,
} from '@appliance-care/notifications';
import { http, RunningService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import {
  applianceRegistered,
  customerRegistered,
  ev,
  problemReported,
  repairEnRoute,
  technicianRegistered,
} from './support/events';
import { openFeedStream } from './support/feed-stream';
import { SmsProviderTestDouble, WebhookReceiver } from './support/http-test-servers';
import { startNotifications, stopNotifications } from './support/start-notifications';

const WEBHOOK_SECRET = 'whsec-0123456789abcdef';

/**
 * DNS for the suite: names under `.test` (RFC 6761: never on the internet) answer from this table,
 * which a test may change between registration and delivery (a rebinding name); every other name goes
 * to the system resolver.
 */
const dnsTable = new Map<string, ResolvedAddress[]>();
const suiteResolver = async (host: string): Promise<ResolvedAddress[]> => {
  if (!host.endsWith('.test')) return systemResolver(host);
  const answer = dnsTable.get(host);
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return answer;
};

describe('notifications service (real Kafka, FerretDB and SMTP)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let smtp: SmtpSink;
  let sms: SmsProviderTestDouble;
  let hook: WebhookReceiver;
  let db: Connection;
  const admin = () => tokenFor('admin');

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);
  const notification = (id: string) => db.collection('notifications').findOne({ _id: id as never });
  const statusOf = async (id: string) => (await notification(id))?.['status'];
  const registerCustomer = async (id: string, over = {}) => {
    await publish(customerRegistered(id, over));
    await waitFor(() => db.collection('recipients').findOne({ _id: id as never, name: { $exists: true } }), {
      what: `recipient ${id}`,
    });
  };

  beforeAll(async () => {
    env = isolateTestEnv('notifications');
    smtp = new SmtpSink();
    sms = new SmsProviderTestDouble();
    hook = new WebhookReceiver(WEBHOOK_SECRET);
    await Promise.all([smtp.start(), sms.start(), hook.start()]);
    const base = loadNotificationsConfig({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }); // the test receiver listens there
    const notifications = {
      ...base,
      webhook: { ...base.webhook, resolve: suiteResolver },
      smtpUrl: smtp.url,
      smsApiUrl: sms.url,
      retry: { baseMs: 100, maxMs: 1000, maxAttempts: 4 },
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 5000 },
      recipientWaitMs: 8000,
      recipientSweepMs: 300,
    };
    ({ svc, db, probe } = await startNotifications(env, notifications));
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await Promise.all([smtp?.stop(), sms?.stop(), hook?.stop()]);
  });

  it('mails a registered customer with the SPEC headers, fills the in-app feed and emits notification.sent.v1', async () => {
    await registerCustomer('C-1');
    const event = applianceRegistered('A-1', 'C-1');
    await publish(event);

    const emailId = notificationId(event.id, 'C-1', 'email');
    const [mail] = await waitFor(
      () => (smtp.byNotification(emailId).length ? smtp.byNotification(emailId) : undefined),
      { what: 'the mail' },
    );
    expect(mail.to).toEqual(['c-1@example.org']);
    expect(mail.headers['x-event-type']).toBe('appliance.registered.v1');
    expect(mail.headers['subject']).toBe('Your Acme WM8 is registered');
    expect(mail.raw).toContain('28 Nov 2028');
    expect(mail.raw).toContain('text/html');

    const sent = await probe.waitForEvents(
      'notification.sent.v1',
      2,
      30_000,
      (e) => (e.data as { sourceEventId: string }).sourceEventId === event.id,
    );
    expect(sent.map((e) => (e.data as { channel: string }).channel).sort()).toEqual(['email', 'in-app']);
    expect(sent[0]).toMatchObject({ correlationid: event.correlationid, causationid: event.id, subject: 'A-1' });
    await waitFor(async () => (await statusOf(emailId)) === 'sent', { what: 'email recorded as sent' });

    const token = await tokenFor('customer', { customerId: 'C-1' });
    const feed = await http('GET', `${svc.url}/api/v1/recipients/C-1/feed`, { token });
    expect(feed.status).toBe(200);
    expect(feed.body.items[0]).toMatchObject({
      eventType: 'appliance.registered.v1',
      subject: 'Your Acme WM8 is registered',
      applianceId: 'A-1',
    });
  });

  it('sends one mail for an event delivered three times', async () => {
    await registerCustomer('C-dup');
    const event = problemReported('A-dup', 'C-dup');
    await publish(event);
    await publish(event);
    await publish(event);
    const sentinel = applianceRegistered('A-dup-sentinel', 'C-dup');
    await publish(sentinel);
    await waitFor(() => smtp.byNotification(notificationId(sentinel.id, 'C-dup', 'email')).length === 1, {
      what: 'the sentinel mail',
    });
    await waitFor(async () => (await statusOf(notificationId(event.id, 'C-dup', 'email'))) === 'sent', {
      what: 'recorded',
    });
    expect(smtp.byNotification(notificationId(event.id, 'C-dup', 'email'))).toHaveLength(1);
    expect(await db.collection('notifications').countDocuments({ sourceEventId: event.id })).toBe(2); // email + in-app
  });

  it('keeps preferences: switched-off SMS suppressed, a signed webhook, and a secret that is never returned', async () => {
    await registerCustomer('C-pref', { phone: '+441632960001' });
    const token = await tokenFor('customer', { customerId: 'C-pref' });
    const put = await http('PUT', `${svc.url}/api/v1/recipients/C-pref/preferences`, {
      token,
      body: { channels: { sms: false }, webhook: { url: hook.url, secret: WEBHOOK_SECRET } },
    });
    expect(put.status).toBe(200);
    expect(put.body.preferences).toMatchObject({
      channels: { email: true, sms: false, webhook: true, 'in-app': true },
      webhook: { url: hook.url, secretSet: true },
    });
    expect(JSON.stringify(put.body)).not.toContain(WEBHOOK_SECRET);
    const read = await http('GET', `${svc.url}/api/v1/recipients/C-pref`, { token });
    expect(JSON.stringify(read.body)).not.toContain(WEBHOOK_SECRET);

    const event = repairEnRoute('A-pref', 'C-pref');
    await publish(event);
    const delivered = await waitFor(() => hook.verified.find((v) => v.body['sourceEventId'] === event.id), {
      what: 'signed webhook',
    });
    expect(delivered.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(delivered.body).toMatchObject({
      eventType: 'repair.en-route.v1',
      recipientId: 'C-pref',
      subject: 'Your technician is on the way',
    });
    expect(hook.rejected).toBe(0);
    expect(await statusOf(notificationId(event.id, 'C-pref', 'sms'))).toBe('suppressed');
    expect(sms.messages.filter((m) => m.to === '+441632960001')).toHaveLength(0);
  });

  it('refuses others’ preferences and malformed bodies, naming the field', async () => {
    const other = await tokenFor('customer', { customerId: 'C-other' });
    // someone else's recipient is answered as absent; a dispatcher's role may not change preferences (403)
    expect(
      (await http('PUT', `${svc.url}/api/v1/recipients/C-pref/preferences`, { token: other, body: {} })).status,
    ).toBe(404);
    const dispatcher = await tokenFor('dispatcher');
    expect(
      (await http('PUT', `${svc.url}/api/v1/recipients/C-pref/preferences`, { token: dispatcher, body: {} })).status,
    ).toBe(403);
    const self = await tokenFor('customer', { customerId: 'C-pref' });
    const bad = await http('PUT', `${svc.url}/api/v1/recipients/C-pref/preferences`, {
      token: self,
      body: { quietHours: { from: '25:00', to: '07:00', timezone: 'Europe/London' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail ?? bad.body.message ?? JSON.stringify(bad.body)).toContain('quietHours.from');
    const noSecret = await http('PUT', `${svc.url}/api/v1/recipients/C-new/preferences`, {
      token: await tokenFor('customer', { customerId: 'C-new' }),
      body: { webhook: { url: hook.url } },
    });
    expect(noSecret.status).toBe(400);
    expect(JSON.stringify(noSecret.body)).toContain('webhook.secret');
    const asAdmin = await http('PUT', `${svc.url}/api/v1/recipients/C-pref/preferences`, {
      token: await admin(),
      body: { channels: { sms: false } },
    });
    expect(asAdmin.status).toBe(200);
  });

  it('refuses a webhook to an internal address (SSRF) with 400 problem+json naming webhook.url', async () => {
    await registerCustomer('C-ssrf');
    const token = await tokenFor('customer', { customerId: 'C-ssrf' });
    const port = new URL(hook.url).port;
    dnsTable.set('intranet.test', [{ address: '10.10.0.5', family: 4 }]);
    dnsTable.set('mixed.test', [
      { address: '93.184.215.14', family: 4 },
      { address: 'fd00::5', family: 6 },
    ]);
    const refused: [string, string][] = [
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254, a link-local address'],
      ['http://[fd00:ec2::254]/latest/meta-data/', 'unique local'],
      [`http://localhost:${port}/hooks/appliance-care`, 'localhost resolves to 127.0.0.1, a loopback address'],
      [`http://127.0.0.2:${port}/hooks`, '127.0.0.2, a loopback address'],
      ['http://[::1]/hooks', '::1, a loopback address'],
      ['http://[::ffff:169.254.169.254]/', '169.254.169.254, a link-local address'],
      ['http://2852039166/', '169.254.169.254, a link-local address'],
      ['http://10.0.0.1/hook', 'private (RFC 1918)'],
      ['http://192.168.1.20/hook', 'private (RFC 1918)'],
      ['http://100.64.0.1/hook', 'carrier-grade NAT'],
      ['http://0.0.0.0/hook', 'unspecified'],
      ['http://224.0.0.251/hook', 'multicast'],
      ['http://255.255.255.255/hook', 'broadcast'],
      ['https://intranet.test/hook', 'intranet.test resolves to 10.10.0.5, a private (RFC 1918) address'],
      ['https://mixed.test/hook', 'mixed.test resolves to fd00::5'],
      ['https://nowhere.test/hook', 'nowhere.test does not resolve'],
      ['http://user:pass@hooks.example.org/hook', 'must not carry credentials'],
      ['ftp://hooks.example.org/hook', 'must be an http(s) URL'],
    ];
    for (const [url, reason] of refused) {
      const res = await http('PUT', `${svc.url}/api/v1/recipients/C-ssrf/preferences`, {
        token,
        body: { webhook: { url, secret: WEBHOOK_SECRET } },
      });
      expect({ url, status: res.status, type: res.headers.get('content-type') }).toEqual({
        url,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(res.body.errors).toEqual([{ field: 'webhook.url', message: expect.stringContaining(reason) }]);
    }
    const view = await http('GET', `${svc.url}/api/v1/recipients/C-ssrf`, { token });
    expect(view.body.preferences.webhook).toBeNull();
    expect(hook.verified.filter((v) => v.body['recipientId'] === 'C-ssrf')).toHaveLength(0);
  });

  it('refuses at delivery a webhook whose name now resolves to an internal address: failed with the reason, not retried', async () => {
    const port = new URL(hook.url).port;
    // registered while the name resolved to a public address; by the delivery it points inside
    await registerCustomer('C-rebind');
    dnsTable.set('hooks.rebind.test', [{ address: '93.184.215.14', family: 4 }]);
    const token = await tokenFor('customer', { customerId: 'C-rebind' });
    const rebindUrl = `http://hooks.rebind.test:${port}/hooks/appliance-care`;
    const put = await http('PUT', `${svc.url}/api/v1/recipients/C-rebind/preferences`, {
      token,
      body: { webhook: { url: rebindUrl, secret: WEBHOOK_SECRET } },
    });
    expect(put.status).toBe(200);
    dnsTable.set('hooks.rebind.test', [{ address: '10.0.0.7', family: 4 }]);
    // stored before registration checked anything: a name the system resolver answers with loopback
    await registerCustomer('C-legacy');
    await db
      .collection('recipients')
      .updateOne(
        { _id: 'C-legacy' as never },
        { $set: { webhookUrl: `http://localhost:${port}/hooks/appliance-care`, webhookSecret: WEBHOOK_SECRET } },
      );

    const cases = [
      { recipient: 'C-rebind', reason: 'hooks.rebind.test resolves to 10.0.0.7, a private (RFC 1918) address' },
      { recipient: 'C-legacy', reason: 'localhost resolves to 127.0.0.1, a loopback address' },
    ];
    for (const c of cases) {
      const event = repairEnRoute(`A-${c.recipient}`, c.recipient);
      await publish(event);
      const id = notificationId(event.id, c.recipient, 'webhook');
      const [failed] = await probe.waitForEvents(
        'notification.failed.v1',
        1,
        30_000,
        (e) => (e.data as { notificationId: string }).notificationId === id,
      );
      expect((failed.data as { error: string }).error).toBe(
        `webhook: target refused: the URL must not point to a private or special-purpose address: ${c.reason}`,
      );
      expect(await notification(id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining(c.reason),
      });
      // the other channels are unaffected
      await waitFor(async () => (await statusOf(notificationId(event.id, c.recipient, 'email'))) === 'sent', {
        what: `${c.recipient}'s mail`,
      });
      expect(hook.verified.filter((v) => v.body['sourceEventId'] === event.id)).toHaveLength(0);
    }
    expect(hook.rejected).toBe(0);
  });

  it('retries an SMS the provider (test double) refuses for a while, and delays a non-urgent SMS in quiet hours', async () => {
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await registerCustomer('C-sms', { phone: '+441632960002', email: undefined });
    sms.failNext = 2;
    const urgent = repairEnRoute('A-sms', 'C-sms');
    await publish(urgent);
    const smsId = notificationId(urgent.id, 'C-sms', 'sms');
    await waitFor(async () => (await statusOf(smsId)) === 'sent', { what: 'SMS sent after retries' });
    expect(sms.messages.filter((m) => m.idempotencyKey === smsId)).toHaveLength(1);
    expect((await notification(smsId))?.['attempts']).toBe(3);
    expect(sms.messages.find((m) => m.idempotencyKey === smsId)?.text).toContain('Your technician is on the way');

    const token = await tokenFor('customer', { customerId: 'C-sms' });
    const quiet = {
      from: hhmm(new Date(now.getTime() - 3600_000)),
      to: hhmm(new Date(now.getTime() + 3 * 3600_000)),
      timezone: 'UTC',
    };
    expect(
      (await http('PUT', `${svc.url}/api/v1/recipients/C-sms/preferences`, { token, body: { quietHours: quiet } }))
        .status,
    ).toBe(200);
    const normal = problemReported('A-sms', 'C-sms');
    const urgentAgain = repairEnRoute('A-sms-2', 'C-sms');
    await publish(normal);
    await publish(urgentAgain);
    await waitFor(async () => (await statusOf(notificationId(urgentAgain.id, 'C-sms', 'sms'))) === 'sent', {
      what: 'urgent SMS in quiet hours',
    });
    const delayed = await notification(notificationId(normal.id, 'C-sms', 'sms'));
    expect(delayed?.['status']).toBe('delayed');
    expect(new Date(delayed?.['dueAt']).toISOString().slice(11, 16)).toBe(quiet.to);
    const listed = await http('GET', `${svc.url}/api/v1/notifications?status=delayed&channel=sms`, { token });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([notificationId(normal.id, 'C-sms', 'sms')]);
  });

  it('records a permanent failure and emits notification.failed.v1', async () => {
    smtp.reject = (to) => (to === 'gone@example.org' ? { code: 550, message: 'mailbox unavailable' } : undefined);
    await registerCustomer('C-gone', { email: 'gone@example.org' });
    const event = problemReported('A-gone', 'C-gone');
    await publish(event);
    const id = notificationId(event.id, 'C-gone', 'email');
    const [failed] = await probe.waitForEvents(
      'notification.failed.v1',
      1,
      30_000,
      (e) => (e.data as { notificationId: string }).notificationId === id,
    );
    expect(failed.data).toMatchObject({
      channel: 'email',
      recipientId: 'C-gone',
      sourceEventType: 'problem.reported.v1',
    });
    expect((failed.data as { error: string }).error).toContain('550');
    const doc = await notification(id);
    expect(doc).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('waits for a recipient whose event arrives after the lifecycle event, and gives up on one that never does', async () => {
    const early = problemReported('A-late', 'C-late');
    await publish(early);
    await waitFor(() => db.collection('recipient_waits').findOne({ sourceEventId: early.id, status: 'waiting' }), {
      what: 'the wait',
    });
    await publish(customerRegistered('C-late'));
    await waitFor(() => smtp.byNotification(notificationId(early.id, 'C-late', 'email')).length === 1, {
      what: 'the late mail',
    });

    const orphan = problemReported('A-orphan', 'C-never');
    await publish(orphan);
    const [undeliverable] = await probe.waitForEvents(
      'notification.undeliverable.v1',
      1,
      40_000,
      (e) => (e.data as { sourceEventId: string }).sourceEventId === orphan.id,
    );
    expect(undeliverable.data).toMatchObject({
      recipientId: 'C-never',
      recipientKind: 'customer',
      template: 'problem-received',
    });
  });

  it('tells the technician of a diagnostic visit and the customer that it is scheduled, in their own languages', async () => {
    await registerCustomer('C-visit');
    await publish(technicianRegistered('T-visit'));
    await waitFor(() => db.collection('recipients').findOne({ _id: 'T-visit' as never, kind: 'technician' }), {
      what: 'technician',
    });
    const event = ev(
      'work-order.assigned.v1',
      {
        workOrderId: 'WO-1',
        kind: 'diagnostic-visit',
        sourceId: 'CASE-1',
        applianceId: 'A-visit',
        customerId: 'C-visit',
        technicianId: 'T-visit',
        technicianName: 'Tech T-visit',
        window: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T10:00:00Z' },
        reason: 'best match',
        summary: 'Drain pump suspected',
        address: { line1: '1 Main St', city: 'London', postalCode: 'N1 1AA', country: 'GB', region: 'london' },
      },
      'A-visit',
    );
    await publish(event);
    const tech = await waitFor(() => smtp.byNotification(notificationId(event.id, 'T-visit', 'email'))[0], {
      what: 'technician mail',
    });
    const customer = await waitFor(() => smtp.byNotification(notificationId(event.id, 'C-visit', 'email'))[0], {
      what: 'customer mail',
    });
    expect(tech.headers['subject']).toContain('WO-1');
    expect(tech.raw).toContain('Neuer Auftrag');
    expect(tech.raw).toContain('N1 1AA');
    expect(customer.headers['subject']).toContain('A technician visit is booked');

    const techToken = await tokenFor('technician', { technicianId: 'T-visit' });
    const own = await http('GET', `${svc.url}/api/v1/notifications?eventType=work-order.assigned.v1`, {
      token: techToken,
    });
    expect(own.body.items.map((i: { recipientId: string }) => i.recipientId)).toEqual(['T-visit', 'T-visit']);
    expect(
      (await http('GET', `${svc.url}/api/v1/notifications?recipientId=C-visit`, { token: techToken })).status,
    ).toBe(403);
    const staff = await http('GET', `${svc.url}/api/v1/notifications?eventType=work-order.assigned.v1&channel=email`, {
      token: await tokenFor('dispatcher'),
    });
    expect(staff.body.items.map((i: { recipientId: string }) => i.recipientId).sort()).toEqual(['C-visit', 'T-visit']);
    expect((await http('GET', `${svc.url}/api/v1/notifications?channel=fax`, { token: techToken })).status).toBe(400);
  });

  it('streams the in-app feed as Server-Sent Events', async () => {
    await registerCustomer('C-sse');
    const token = await tokenFor('customer', { customerId: 'C-sse' });
    const stream = await openFeedStream(`${svc.url}/api/v1/recipients/C-sse/feed`, {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
    });
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    await waitFor(() => stream.received.includes(': stream open'), { what: 'stream open' });
    const event = repairEnRoute('A-sse', 'C-sse');
    await publish(event);
    await waitFor(() => stream.received.includes('event: notification'), { what: 'an SSE notification' });
    const data = JSON.parse(
      stream.received
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(data).toMatchObject({ id: notificationId(event.id, 'C-sse', 'in-app'), eventType: 'repair.en-route.v1' });
    await stream.close();
    const other = await tokenFor('customer', { customerId: 'C-1' });
    expect((await http('GET', `${svc.url}/api/v1/recipients/C-sse/feed?stream=sse`, { token: other })).status).toBe(
      404,
    );
  });

  it('resumes a stream after Last-Event-ID: what the client saw is not sent again, what came after it is', async () => {
    await registerCustomer('C-resume');
    const token = await tokenFor('customer', { customerId: 'C-resume' });
    const seen = repairEnRoute('A-resume-1', 'C-resume');
    const missed = repairEnRoute('A-resume-2', 'C-resume');
    const seenId = notificationId(seen.id, 'C-resume', 'in-app');
    const missedId = notificationId(missed.id, 'C-resume', 'in-app');
    await publish(seen);
    await waitFor(async () => (await statusOf(seenId)) === 'sent', { what: 'the first in-app notification' });
    await publish(missed);
    await waitFor(async () => (await statusOf(missedId)) === 'sent', { what: 'the second in-app notification' });
    const stream = await openFeedStream(`${svc.url}/api/v1/recipients/C-resume/feed?stream=sse`, {
      authorization: `Bearer ${token}`,
      'last-event-id': seenId,
    });
    await waitFor(() => stream.received.includes(`id: ${missedId}`), { what: 'the entry after Last-Event-ID' });
    await stream.close();
    const { received } = stream;
    expect(received).not.toContain(`id: ${seenId}`);
    expect(received.indexOf(': stream open')).toBeLessThan(received.indexOf(`id: ${missedId}`));
  });
});
