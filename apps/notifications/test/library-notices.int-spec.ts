import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import {
  holdNoticeId,
  LibraryDigestJob,
  LibraryDigestRepository,
  loadNotificationsConfig,
  notificationId,
  NotificationPlanner,
  NOTIFICATIONS_CONFIG,
  NotificationsConfig,
  RecipientRepository,
} from '@appliance-care/notifications';
import { RunningService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, mailParts, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import { technicianRegistered } from './support/events';
import {
  cataloguingCompleted,
  cataloguingReturned,
  cataloguingSubmitted,
  holdPlaced,
  issueReceived,
  serialClaimed,
  shelfReady,
} from './support/library-events';
import { startNotifications, stopNotifications } from './support/start-notifications';

const SUPERVISORS = {
  central: [
    { name: 'Ada Central', email: 'ada@central.example.org' },
    { name: 'Bea Central', email: 'bea@central.example.org' },
  ],
  riverside: [{ name: 'Cy Riverside', email: 'cy@riverside.example.org' }],
  // nothing happens at eastside: its supervisor gets no digest
  eastside: [{ name: 'Di Eastside', email: 'di@eastside.example.org' }],
};
const patronMail = (patronId: string) => `${patronId.toLowerCase()}@patrons.example.org`;

/**
 * The library's notices through the real broker, store and an SMTP server: a patron told once per
 * hold when the held item is shelf-ready, and the supervisors' daily digest of late serials and
 * approvals waiting, sent once per branch and day even by two jobs racing.
 */
describe('library notices (real Kafka, FerretDB and SMTP)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let db: Connection;
  // before the digest's hour: the job's own timer sends nothing until a test moves the clock
  let clock = new Date('2026-12-02T06:00:00Z');
  const smtp = new SmtpSink();

  const publish = (...events: EventEnvelope[]) =>
    Promise.all(events.map((e) => probe.publish(physicalTopic(eventDefinition(e.type as EventType).topic), e)));
  const mailsTo = (address: string, count: number) =>
    waitFor(() => (smtp.to(address).length >= count ? smtp.to(address) : undefined), {
      what: `${count} mail(s) to ${address}`,
    });
  const noneOpen = () =>
    waitFor(
      async () =>
        (await db.collection('notifications').countDocuments({ status: { $in: ['pending', 'delayed'] } })) === 0 ||
        undefined,
      { what: 'every planned notification sent' },
    );

  beforeAll(async () => {
    env = isolateTestEnv('notifications-library');
    await smtp.start();
    const base = loadNotificationsConfig({});
    const config: NotificationsConfig = {
      ...base,
      smtpUrl: smtp.url,
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 5000 },
      libraryDigest: { ...base.libraryDigest, supervisors: SUPERVISORS, sweepMs: 200, clock: () => clock },
    };
    ({ svc, db, probe } = await startNotifications(env, config));
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await smtp.stop();
  });

  it('tells the patron of each hold once when the held item is shelf-ready, a redelivery telling nobody again', async () => {
    const ready = shelfReady('I-lib-1', ['H-lib-1', 'H-lib-2']);
    await publish(holdPlaced('I-lib-1', 'H-lib-1', 'P-lib-1'), holdPlaced('I-lib-1', 'H-lib-2', 'P-lib-2'));
    await publish(ready);

    const [first] = await mailsTo(patronMail('P-lib-1'), 1);
    await mailsTo(patronMail('P-lib-2'), 1);
    expect(first.headers['subject']).toBe('Title of I-lib-1 is ready for you at central');
    expect(first.headers['x-notification-id']).toBe(
      notificationId(holdNoticeId(ready.id, 'H-lib-1'), 'P-lib-1', 'email'),
    );
    expect((await mailParts(first)).text).toContain('call number 833.914 SEB');

    // the same shelf-ready event again, then (same item: same partition, after it) a third hold made ready
    await publish(ready);
    await publish(holdPlaced('I-lib-1', 'H-lib-3', 'P-lib-3'));
    await publish(shelfReady('I-lib-1', ['H-lib-3']));
    await mailsTo(patronMail('P-lib-3'), 1);
    await noneOpen();
    expect(smtp.to(patronMail('P-lib-1'))).toHaveLength(1);
    expect(smtp.to(patronMail('P-lib-2'))).toHaveLength(1);
    // the notification.sent.v1 facts name the patron
    const [sent] = await probe.waitForEvents(
      'notification.sent.v1',
      1,
      30_000,
      (e) => (e.data as { recipientId: string; channel: string }).recipientId === 'P-lib-2',
    );
    expect(sent.data).toMatchObject({ recipientKind: 'patron', template: 'library-item-shelf-ready' });
  });

  it('sends each branch’s supervisors one digest of exactly its late serials and approvals waiting, once with two jobs racing', async () => {
    await publish(technicianRegistered('LT-cat', { name: 'Grace Cataloguer' }));
    await publish(
      serialClaimed('S-late', 'central', 3),
      serialClaimed('S-came', 'central', 1),
      serialClaimed('S-river', 'riverside', 5),
      cataloguingSubmitted('I-wait', 'central', 'LT-cat'),
      cataloguingSubmitted('I-approved', 'central'),
      cataloguingSubmitted('I-returned', 'central'),
    );
    await publish(
      serialClaimed('S-late', 'central', 3, 2),
      issueReceived('S-came', 'central', 1),
      cataloguingCompleted('I-approved', 'central'),
      cataloguingReturned('I-returned', 'central'),
    );
    await waitFor(
      async () => {
        const serials = await db.collection('library_late_serials').find().toArray();
        const approvals = await db.collection('library_approvals').find().toArray();
        const settled =
          serials.find((s) => s['subscriptionId'] === 'S-late')?.['claimCount'] === 2 &&
          serials.some((s) => s['subscriptionId'] === 'S-came' && s['receivedOn']) &&
          serials.some((s) => s['subscriptionId'] === 'S-river') &&
          approvals.filter((a) => a['status'] === 'closed').length === 2 &&
          approvals.some((a) => String(a['_id']) === 'I-wait');
        return settled || undefined;
      },
      { what: "the digest's read model" },
    );
    await waitFor(async () => (await svc.app.get(RecipientRepository).find('LT-cat'))?.contacts, {
      what: 'the cataloguer known',
    });

    // two jobs over the same store at the hour, and the service's own timer once the clock gets there too
    const at = new Date('2026-12-02T07:00:30Z');
    const config = svc.app.get<NotificationsConfig>(NOTIFICATIONS_CONFIG);
    const other = new LibraryDigestJob(
      svc.app.get(LibraryDigestRepository),
      svc.app.get(RecipientRepository),
      svc.app.get(NotificationPlanner),
      config,
    );
    const job = svc.app.get(LibraryDigestJob);
    const [a, b] = await Promise.all([job.runDue(at), other.runDue(at)]);
    clock = at;
    await waitFor(
      async () => (await db.collection('library_digest_runs').countDocuments({ status: 'done' })) === 3 || undefined,
      {
        what: 'the three branches’ runs done',
      },
    );

    const [ada] = await mailsTo('ada@central.example.org', 1);
    await mailsTo('bea@central.example.org', 1);
    const [cy] = await mailsTo('cy@riverside.example.org', 1);
    await noneOpen();
    // each branch with something to report sent by one of the two, never by both
    expect([...a, ...b].sort()).toEqual(['central', 'riverside']);
    expect(smtp.to('ada@central.example.org')).toHaveLength(1);
    expect(smtp.to('bea@central.example.org')).toHaveLength(1);
    expect(smtp.to('cy@riverside.example.org')).toHaveLength(1);
    expect(smtp.to('di@eastside.example.org')).toHaveLength(0);

    expect(ada.headers['subject']).toBe('Library central on 2026-12-02: 1 late serial(s), 1 approval(s) waiting');
    const central = (await mailParts(ada)).text;
    expect(central).toContain('Journal S-late vol. 7 no. 3, expected 2026-11-01, claimed 2 time(s)');
    expect(central).toContain('Title of I-wait (barcode BC-I-wait), submitted by Grace Cataloguer');
    for (const gone of ['S-came', 'I-approved', 'I-returned', 'S-river']) expect(central).not.toContain(gone);
    const riverside = (await mailParts(cy)).text;
    expect(riverside).toContain('Journal S-river vol. 7 no. 5');
    expect(riverside).not.toContain('approval');

    // later the same day, and after a restart of the job: the day's digests are done, nothing more is sent
    expect(await job.runDue(new Date('2026-12-02T15:00:00Z'))).toEqual([]);
  });

  it("takes over a day's run whose instance died (its lease ran out), never one still held", async () => {
    const nextDay = new Date('2026-12-03T07:05:00Z');
    const runs = db.collection<{ _id: string; status?: string }>('library_digest_runs');
    const claimed = (branch: string, leaseUntil: string) => ({
      _id: `library-digest:${branch}:2026-12-03`,
      branch,
      date: '2026-12-03',
      status: 'running',
      leaseUntil: new Date(leaseUntil),
      startedAt: new Date('2026-12-03T07:00:00Z'),
    });
    // central's claimer died before planning anything; riverside's is still at work
    await runs.insertMany([claimed('central', '2026-12-03T07:01:00Z'), claimed('riverside', '2026-12-03T07:30:00Z')]);

    expect(await svc.app.get(LibraryDigestJob).runDue(nextDay)).toEqual(['central']);
    await mailsTo('ada@central.example.org', 2);
    await noneOpen();
    expect(smtp.to('ada@central.example.org')[1].headers['subject']).toBe(
      'Library central on 2026-12-03: 1 late serial(s), 1 approval(s) waiting',
    );
    expect(smtp.to('cy@riverside.example.org')).toHaveLength(1);
    expect((await runs.findOne({ _id: 'library-digest:riverside:2026-12-03' }))?.status).toBe('running');
  });
});
