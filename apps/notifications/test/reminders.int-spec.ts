import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { loadNotificationsConfig, notificationId, reminderId } from '@appliance-care/notifications';
import { http, RunningService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import { customerRegistered, ev, technicianRegistered } from './support/events';
import { SmsProviderTestDouble } from './support/http-test-servers';
import { diagnosisCompleted, installationCompleted, repairCompleted } from './support/lifecycle-events';
import { startNotifications, stopNotifications } from './support/start-notifications';

/** How long before an appointment every channel reminds, in this suite (REMINDER_LEAD_HOURS in production). */
const LEAD_MS = 6000;
const TECH = 'T-rem';

const windowAt = (from: Date, minutes = 60) => ({
  from: from.toISOString(),
  to: new Date(from.getTime() + minutes * 60_000).toISOString(),
});
const inMs = (ms: number) => new Date(Date.now() + ms);

const installationScheduled = (id: string, customerId: string, window: { from: string; to: string }) =>
  ev(
    'installation.scheduled.v1',
    {
      installationId: `INS-${id}`,
      applianceId: `A-${id}`,
      customerId,
      workOrderId: `WO-${id}`,
      technicianId: TECH,
      technicianName: 'Grace Hopper',
      window,
      attempt: 1,
    },
    `A-${id}`,
  );

const visitAssigned = (
  id: string,
  customerId: string,
  window: { from: string; to: string },
  kind: 'diagnostic-visit' | 'repair' = 'diagnostic-visit',
) =>
  ev(
    'work-order.assigned.v1',
    {
      workOrderId: `WO-${id}`,
      kind,
      sourceId: kind === 'repair' ? `RT-${id}` : `CASE-${id}`,
      applianceId: `A-${id}`,
      customerId,
      technicianId: TECH,
      technicianName: 'Ada Lovelace',
      window,
      reason: 'best match',
    },
    `A-${id}`,
  );

/** A lifecycle builder's event for this suite's ids (the builders derive theirs from the appliance). */
const withData = (event: EventEnvelope, data: Record<string, unknown>): EventEnvelope => ({
  ...event,
  data: { ...(event.data as Record<string, unknown>), ...data },
});
const job = (id: string, customerId: string) => ({
  workOrderId: `WO-${id}`,
  kind: 'repair' as const,
  applianceId: `A-${id}`,
  customerId,
  technicianId: TECH,
});

/**
 * Reminders before appointments through the real broker, store, SMTP server and an SMS provider
 * stand-in, with a lead time of seconds (config) so that the test polls instead of sleeping.
 */
describe('appointment reminders (real Kafka, FerretDB and SMTP)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let db: Connection;
  const smtp = new SmtpSink();
  const sms = new SmsProviderTestDouble();

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);
  const reminderOf = (booking: EventEnvelope, recipientId: string, channel: string) =>
    notificationId(`${booking.id}:reminder`, recipientId, channel);
  const notification = (id: string) => db.collection('notifications').findOne({ _id: id as never });
  const scheduled = async (workOrderId: string, customerId: string, channel = 'email') =>
    (await db
      .collection('scheduled_reminders')
      .findOne({ _id: reminderId(workOrderId, customerId, channel) as never })) ?? undefined;
  const mailed = async (id: string) => {
    const mails = smtp.byNotification(id);
    return mails.length > 0 && (await notification(id))?.['status'] === 'sent' ? mails : undefined;
  };

  let phones = 0;
  async function registered(id: string, over: Record<string, unknown> = {}): Promise<void> {
    phones += 1;
    await publish(customerRegistered(id, { phone: `+4416329601${String(phones).padStart(2, '0')}`, ...over }));
    await waitFor(() => db.collection('recipients').findOne({ _id: id as never, name: { $exists: true } }), {
      what: `recipient ${id}`,
    });
  }

  beforeAll(async () => {
    env = isolateTestEnv('notifications-reminders');
    await Promise.all([smtp.start(), sms.start()]);
    const base = loadNotificationsConfig({});
    ({ svc, db, probe } = await startNotifications(env, {
      ...base,
      smtpUrl: smtp.url,
      smsApiUrl: sms.url,
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 5000 },
      recipientSweepMs: 300,
      reminders: { leadMs: { email: LEAD_MS, sms: LEAD_MS, 'in-app': LEAD_MS }, sweepMs: 200, batchSize: 100 },
    }));
    await publish(technicianRegistered(TECH, { locale: 'en-GB', phone: '+441632960999' }));
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await Promise.all([smtp.stop(), sms.stop()]);
  });

  it('reminds the customer once, at the lead time, by mail, SMS and in-app, saying what, when and who', async () => {
    await registered('C-rem-1');
    const start = inMs(LEAD_MS + 15_000);
    const booking = installationScheduled('rem-1', 'C-rem-1', windowAt(start));
    await publish(booking);
    await publish(booking); // a redelivery schedules nothing more
    const planned = await waitFor(() => scheduled('WO-rem-1', 'C-rem-1'), { what: 'the scheduled reminder' });
    expect(planned).toMatchObject({ status: 'scheduled', kind: 'installation', bookingEventId: booking.id });
    expect(new Date(planned['dueAt']).getTime()).toBe(start.getTime() - LEAD_MS);

    const emailId = reminderOf(booking, 'C-rem-1', 'email');
    const [mail] = await waitFor(() => mailed(emailId), { what: 'the reminder mail', timeoutMs: 40_000 });
    expect(mail.to).toEqual(['c-rem-1@example.org']);
    expect(mail.headers['subject']).toMatch(/^Reminder: your installation on /);
    const sent = await notification(emailId);
    expect(new Date(sent?.['sentAt']).getTime()).toBeGreaterThanOrEqual(start.getTime() - LEAD_MS);
    expect(sent?.['content'].text).toContain('Grace Hopper will come on');
    expect(sent).toMatchObject({ template: 'appointment-reminder', sourceEventType: 'installation.scheduled.v1' });

    const smsId = reminderOf(booking, 'C-rem-1', 'sms');
    const text = await waitFor(() => sms.messages.find((m) => m.idempotencyKey === smsId)?.text, { what: 'the SMS' });
    expect(text).toMatch(/^Reminder: installation .* with Grace Hopper\./);
    const feed = await http('GET', `${svc.url}/api/v1/recipients/C-rem-1/feed`, {
      token: await tokenFor('customer', { customerId: 'C-rem-1' }),
    });
    expect(feed.body.items.map((i: { template: string }) => i.template)).toContain('appointment-reminder');

    await waitFor(async () => (await scheduled('WO-rem-1', 'C-rem-1'))?.['status'] === 'handed-over', {
      what: 'the reminder handed over',
    });
    expect(smtp.byNotification(emailId)).toHaveLength(1);
    expect(sms.messages.filter((m) => m.idempotencyKey === smsId)).toHaveLength(1);
    expect(await db.collection('scheduled_reminders').countDocuments({ workOrderId: 'WO-rem-1' })).toBe(3);
    // the technician is not reminded: their booking notice is their reminder
    expect(
      await db.collection('notifications').countDocuments({ template: 'appointment-reminder', recipientId: TECH }),
    ).toBe(0);
  });

  it('reminds of the newest booking only, in German, and of nothing cancelled, released, or cancelled before its booking', async () => {
    await registered('C-move', { locale: 'de-DE' });
    await registered('C-cancel');
    await registered('C-released');
    await registered('C-early');
    await registered('C-sentinel');
    const moved = visitAssigned('move', 'C-move', windowAt(inMs(LEAD_MS + 12_000)));
    const booked = visitAssigned('cancel', 'C-cancel', windowAt(inMs(LEAD_MS + 12_000)));
    const released = visitAssigned('released', 'C-released', windowAt(inMs(LEAD_MS + 12_000)), 'repair');
    await Promise.all([publish(moved), publish(booked), publish(released)]);
    await waitFor(() => scheduled('WO-cancel', 'C-cancel'), { what: 'the reminder to cancel' });
    await waitFor(() => scheduled('WO-released', 'C-released'), { what: 'the reminder to release' });
    await waitFor(() => scheduled('WO-move', 'C-move'), { what: 'the reminder to move' });
    // moved to another window (a newer booking of the same order), and cancelled by the customer
    const newStart = inMs(LEAD_MS + 20_000);
    const rebooked = visitAssigned('move', 'C-move', windowAt(newStart));
    await publish(rebooked);
    await publish(
      ev(
        'work-order.cancelled.v1',
        {
          workOrderId: 'WO-cancel',
          kind: 'diagnostic-visit',
          sourceId: 'CASE-cancel',
          applianceId: 'A-cancel',
          customerId: 'C-cancel',
          cancelledBy: 'customer',
          via: 'link',
          reason: 'no longer needed',
          cancelledAt: new Date().toISOString(),
        },
        'A-cancel',
      ),
    );
    // the technician's booking taken away (reassigned) and nobody booked instead: the visit is off
    await publish(
      ev(
        'work-order.released.v1',
        {
          workOrderId: 'WO-released',
          kind: 'repair',
          sourceId: 'RT-released',
          applianceId: 'A-released',
          customerId: 'C-released',
          technicianId: TECH,
          window: (released.data as { window: { from: string; to: string } }).window,
          reason: 'reassigned',
          releasedAt: new Date().toISOString(),
        },
        'A-released',
      ),
    );
    // a repair cancelled before its booking reached notifications (the two travel on different topics)
    await publish(
      ev(
        'repair.cancelled.v1',
        {
          ticketId: 'RT-early',
          applianceId: 'A-early',
          customerId: 'C-early',
          at: new Date().toISOString(),
          reason: 'fixed it myself',
          cancelledBy: 'customer',
        },
        'A-early',
      ),
    );
    await waitFor(() => db.collection('reminder_cancellations').findOne({ _id: 'source:RT-early' as never }), {
      what: 'the remembered cancellation',
    });
    const late = visitAssigned('early', 'C-early', windowAt(inMs(LEAD_MS + 12_000)), 'repair');
    // a booking within the lead time: its booking message is the reminder
    const tooSoon = visitAssigned('soon', 'C-sentinel', windowAt(inMs(LEAD_MS - 1000)));
    const sentinel = visitAssigned('sentinel', 'C-sentinel', windowAt(newStart));
    await Promise.all([publish(late), publish(tooSoon), publish(sentinel)]);

    const [mail] = await waitFor(() => mailed(reminderOf(rebooked, 'C-move', 'email')), {
      what: 'the reminder of the new booking',
      timeoutMs: 40_000,
    });
    expect(mail.headers['subject']).toMatch(/^Erinnerung: Technikerbesuch am /);
    expect((await notification(reminderOf(rebooked, 'C-move', 'email')))?.['content'].text).toContain(
      'Ada Lovelace kommt am',
    );
    await waitFor(() => mailed(reminderOf(sentinel, 'C-sentinel', 'email')), { what: 'the sentinel reminder' });
    // by now every reminder due before the sentinel's was swept
    expect(await notification(reminderOf(moved, 'C-move', 'email'))).toBeNull();
    expect(await notification(reminderOf(booked, 'C-cancel', 'email'))).toBeNull();
    expect(await notification(reminderOf(late, 'C-early', 'email'))).toBeNull();
    const reminders = (recipientId: string) =>
      db
        .collection('notifications')
        .countDocuments({ template: 'appointment-reminder', recipientId, channel: 'email' });
    expect(await reminders('C-cancel')).toBe(0);
    expect(await reminders('C-early')).toBe(0);
    expect(await reminders('C-released')).toBe(0);
    expect(await reminders('C-move')).toBe(1);
    expect(await scheduled('WO-cancel', 'C-cancel')).toMatchObject({ status: 'cancelled' });
    expect(await scheduled('WO-released', 'C-released')).toMatchObject({
      status: 'ended',
      reason: 'the booking was released (reassigned)',
    });
    expect(await scheduled('WO-early', 'C-early')).toBeUndefined();
    expect(await scheduled('WO-soon', 'C-sentinel')).toMatchObject({
      status: 'skipped',
      reason: 'booked within the lead time: the booking message is the reminder',
    });
  });

  it('reminds of no visit whose job was done before it was due, nor of one done before its booking arrived', async () => {
    await Promise.all(['C-done', 'C-done-guard', 'C-done-early', 'C-done-sentinel'].map((id) => registered(id)));
    const start = inMs(LEAD_MS + 15_000);
    const installed = installationScheduled('done', 'C-done', windowAt(start));
    const visit = visitAssigned('done-visit', 'C-done', windowAt(start));
    const guarded = visitAssigned('done-guard', 'C-done-guard', windowAt(start), 'repair');
    await Promise.all([publish(installed), publish(visit), publish(guarded)]);
    for (const [workOrderId, customerId] of [
      ['WO-done', 'C-done'],
      ['WO-done-visit', 'C-done'],
      ['WO-done-guard', 'C-done-guard'],
    ])
      await waitFor(() => scheduled(workOrderId, customerId), { what: `the reminder of ${workOrderId}` });
    // the technician finished early: the installation and the diagnostic visit's case are done
    const completed = withData(installationCompleted(job('done', 'C-done')), { installationId: 'INS-done' });
    await publish(completed);
    await publish(completed); // a redelivery changes nothing
    await publish(withData(diagnosisCompleted(job('done-visit', 'C-done'), 'resolved'), { caseId: 'CASE-done-visit' }));
    // the sweeper's own guard: a completion recorded while a reminder is still scheduled (as when it
    // lands between the scheduler's check of a booking and its write)
    await db.collection('reminder_cancellations').insertOne({
      _id: 'source:RT-done-guard' as never,
      status: 'done',
      reason: 'the repair was completed',
      at: new Date(),
    });
    // a repair done before its booking reached notifications (the two travel on different topics)
    await publish(withData(repairCompleted(job('done-early', 'C-done-early')), { ticketId: 'RT-done-early' }));
    await waitFor(
      () => db.collection('reminder_cancellations').findOne({ _id: 'source:RT-done-early' as never, status: 'done' }),
      { what: 'the remembered completion' },
    );
    const late = visitAssigned('done-early', 'C-done-early', windowAt(start), 'repair');
    const sentinel = visitAssigned('done-sentinel', 'C-done-sentinel', windowAt(inMs(LEAD_MS + 20_000)));
    await Promise.all([publish(late), publish(sentinel)]);

    await waitFor(() => mailed(reminderOf(sentinel, 'C-done-sentinel', 'email')), {
      what: 'the sentinel reminder',
      timeoutMs: 40_000,
    });
    // by now every reminder due before the sentinel's was swept
    for (const recipientId of ['C-done', 'C-done-guard', 'C-done-early'])
      expect(
        await db.collection('notifications').countDocuments({ template: 'appointment-reminder', recipientId }),
      ).toBe(0);
    expect(await scheduled('WO-done', 'C-done')).toMatchObject({
      status: 'done',
      reason: 'the installation was completed',
    });
    expect(await scheduled('WO-done-visit', 'C-done')).toMatchObject({
      status: 'done',
      reason: 'the diagnosis was completed',
    });
    expect(await scheduled('WO-done-guard', 'C-done-guard')).toMatchObject({
      status: 'done',
      reason: 'the repair was completed',
    });
    expect(await scheduled('WO-done-early', 'C-done-early')).toBeUndefined();
  });

  it('moves a reminder that would fall in the customer’s quiet hours earlier, before they begin', async () => {
    await registered('C-quiet');
    // quiet hours from the first whole minute at least 63 s away, for ten minutes
    const quietFrom = new Date(Math.ceil((Date.now() + 63_000) / 60_000) * 60_000);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const quietHours = {
      from: hhmm(quietFrom),
      to: hhmm(new Date(quietFrom.getTime() + 10 * 60_000)),
      timezone: 'UTC',
    };
    const put = await http('PUT', `${svc.url}/api/v1/recipients/C-quiet/preferences`, {
      token: await tokenFor('customer', { customerId: 'C-quiet' }),
      body: { quietHours },
    });
    expect(put.status).toBe(200);
    // the lead time's moment would be 24 s into the quiet hours
    const start = new Date(quietFrom.getTime() + LEAD_MS + 24_000);
    const booking = visitAssigned('quiet', 'C-quiet', windowAt(start), 'repair');
    await publish(booking);
    const planned = await waitFor(() => scheduled('WO-quiet', 'C-quiet', 'sms'), { what: 'the planned reminder' });
    expect(planned).toMatchObject({ status: 'scheduled', movedBy: 'quiet-hours-earlier' });
    expect(new Date(planned['leadAt']).getTime()).toBe(start.getTime() - LEAD_MS);
    expect(new Date(planned['dueAt']).getTime()).toBe(quietFrom.getTime() - 60_000);

    const smsId = reminderOf(booking, 'C-quiet', 'sms');
    await waitFor(async () => (await notification(smsId))?.['status'] === 'sent', {
      what: 'the SMS reminder before the quiet hours',
      timeoutMs: 100_000,
      intervalMs: 250,
    });
    const sent = await notification(smsId);
    expect(new Date(sent?.['sentAt']).getTime()).toBeLessThan(quietFrom.getTime());
    expect(new Date(sent?.['sentAt']).getTime()).toBeGreaterThanOrEqual(quietFrom.getTime() - 60_000);
    expect(sms.messages.find((m) => m.idempotencyKey === smsId)?.text).toMatch(/^Reminder: repair visit /);
    await waitFor(() => mailed(reminderOf(booking, 'C-quiet', 'email')), { what: 'the mail reminder' });
  }, 180_000);
});
