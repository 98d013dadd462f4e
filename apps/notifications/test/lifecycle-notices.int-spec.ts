import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { loadNotificationsConfig, notificationId } from '@appliance-care/notifications';
import { RunningService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, mailParts, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import { customerRegistered, problemReported, technicianRegistered } from './support/events';
import { SmsProviderTestDouble } from './support/http-test-servers';
import {
  Booking,
  diagnosisVisitCancelled,
  installationCancelled,
  installationFailed,
  installationRescheduled,
  repairPartsArrived,
  windowIn,
  workOrderAssigned,
  workOrderBumped,
  workOrderCancelled,
  workOrderEnRoute,
  workOrderReleased,
  workOrderRescheduled,
} from './support/lifecycle-events';
import { startNotifications, stopNotifications } from './support/start-notifications';

/**
 * The notices of issue 17 through the real broker, store, SMTP server and an SMS provider stand-in:
 * each reaches the right person once, on mail and SMS, and the excluded cases reach nobody.
 */
describe('lifecycle notices (issue 17)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let db: Connection;
  const smtp = new SmtpSink();
  const sms = new SmsProviderTestDouble();

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);
  const phoneOf = (id: string) => `+4416329${String(Math.abs(hash(id)) % 100000).padStart(5, '0')}`;
  const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

  async function registered(...ids: string[]): Promise<void> {
    for (const id of ids) {
      const over = { locale: 'en-GB', phone: phoneOf(id) };
      await publish(id.startsWith('T-') ? technicianRegistered(id, over) : customerRegistered(id, over));
    }
    await waitFor(
      async () => (await db.collection('recipients').countDocuments({ _id: { $in: ids as never[] } })) === ids.length,
      {
        what: `recipients ${ids.join(', ')}`,
      },
    );
  }

  /** The mail and SMS of `event` to `recipientId`, once each: waits for both, then checks nothing came twice. */
  async function told(event: EventEnvelope, recipientId: string) {
    const emailId = notificationId(event.id, recipientId, 'email');
    const smsId = notificationId(event.id, recipientId, 'sms');
    await waitFor(
      () => smtp.byNotification(emailId).length > 0 && sms.messages.some((m) => m.idempotencyKey === smsId),
      {
        what: `${event.type} mail and SMS to ${recipientId}`,
      },
    );
    const [mail] = smtp.byNotification(emailId);
    expect(smtp.byNotification(emailId)).toHaveLength(1);
    expect(sms.messages.filter((m) => m.idempotencyKey === smsId)).toHaveLength(1);
    expect(mail.to).toEqual([`${recipientId.toLowerCase()}@example.org`]);
    expect(mail.headers['x-event-type']).toBe(event.type);
    return {
      subject: mail.headers['subject'],
      text: (await mailParts(mail)).text,
      sms: sms.messages.find((m) => m.idempotencyKey === smsId)!.text,
    };
  }

  /** Nothing at all was planned for these events (call after a later event of the same appliance and topic was told). */
  async function untold(...events: EventEnvelope[]): Promise<void> {
    const count = await db
      .collection('notifications')
      .countDocuments({ sourceEventId: { $in: events.map((e) => e.id) } });
    expect(count).toBe(0);
    expect(
      await db.collection('recipient_waits').countDocuments({ sourceEventId: { $in: events.map((e) => e.id) } }),
    ).toBe(0);
  }

  beforeAll(async () => {
    env = isolateTestEnv('notifications-lifecycle');
    await Promise.all([smtp.start(), sms.start()]);
    const config = {
      ...loadNotificationsConfig({}),
      smtpUrl: smtp.url,
      smsApiUrl: sms.url,
      retry: { baseMs: 100, maxMs: 1000, maxAttempts: 4 },
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 5000 },
      recipientSweepMs: 300,
    };
    ({ svc, db, probe } = await startNotifications(env, config));
    await registered('C-er', 'C-bk', 'C-cx', 'C-mv', 'T-1', 'T-2');
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await Promise.all([smtp.stop(), sms.stop()]);
  });

  it('tells the customer an installation or visit technician is on the way, with the ETA; a repair only once', async () => {
    const repair: Booking = {
      workOrderId: 'WO-er-r',
      kind: 'repair',
      applianceId: 'A-er',
      customerId: 'C-er',
      technicianId: 'T-1',
    };
    const excluded = workOrderEnRoute(repair); // repairs tell it through repair.en-route.v1
    const installation = workOrderEnRoute({ ...repair, workOrderId: 'WO-er-i', kind: 'installation' });
    const visit = workOrderEnRoute({ ...repair, workOrderId: 'WO-er-v', kind: 'diagnostic-visit' });
    for (const e of [excluded, installation, installation, visit]) await publish(e); // installation delivered twice
    for (const e of [installation, visit]) {
      const notice = await told(e, 'C-er');
      expect(notice.subject).toBe('Your technician is on the way');
      expect(notice.sms).toMatch(/^Your technician is on the way, ETA /);
    }
    await untold(excluded);
    // nobody else: the technician is the one driving
    expect(
      await db.collection('notifications').countDocuments({ sourceEventId: installation.id, recipientId: 'T-1' }),
    ).toBe(0);
  });

  it('books a repair visit with the customer (who, when) and the technician, and tells a bump and arrived parts', async () => {
    const repair: Booking = {
      workOrderId: 'WO-bk',
      kind: 'repair',
      applianceId: 'A-bk',
      customerId: 'C-bk',
      technicianId: 'T-1',
      window: windowIn(30),
    };
    const parts = repairPartsArrived(repair);
    await publish(parts);
    expect((await told(parts, 'C-bk')).subject).toBe('The parts for your repair have arrived');

    const bumped = workOrderBumped(repair);
    const rebooked = workOrderAssigned({ ...repair, window: windowIn(54) }, { reason: 'bumped by an emergency' });
    await publish(bumped);
    await publish(rebooked);
    const bump = await told(bumped, 'C-bk');
    expect(bump.subject).toMatch(/^We have to move your appointment of /);
    expect(bump.text).toContain('We are booking a new time now');
    const booking = await told(rebooked, 'C-bk');
    expect(booking.subject).toMatch(/^Your repair visit is booked for /);
    expect(booking.text).toContain('Tech T-1 will come to repair your appliance');
    expect((await told(rebooked, 'T-1')).subject).toMatch(/^New repair job WO-bk/);
    // the technician hears of the bump through the released/assigned events, not from the bump itself
    expect(await db.collection('notifications').countDocuments({ sourceEventId: bumped.id, recipientId: 'T-1' })).toBe(
      0,
    );
  });

  it('tells customer and technician of a cancelled appointment; a repair through repair.cancelled.v1; the owners’ echoes nobody', async () => {
    const installation: Booking = {
      workOrderId: 'WO-cx-i',
      kind: 'installation',
      applianceId: 'A-cx',
      customerId: 'C-cx',
      technicianId: 'T-2',
    };
    const repairCancel = workOrderCancelled({ ...installation, workOrderId: 'WO-cx-r', kind: 'repair' });
    const echoes = [
      installationCancelled(installation),
      diagnosisVisitCancelled({ ...installation, workOrderId: 'WO-cx-v' }),
    ];
    for (const e of [repairCancel, ...echoes]) await publish(e);
    const cancel = workOrderCancelled(installation);
    const visitCancel = workOrderCancelled(
      { ...installation, workOrderId: 'WO-cx-v', kind: 'diagnostic-visit' },
      false,
    );
    await publish(cancel);
    await publish(visitCancel);

    const customer = await told(cancel, 'C-cx');
    expect(customer.subject).toBe('Your installation is cancelled');
    expect(customer.text).toContain('is cancelled: we are moving house');
    const technician = await told(cancel, 'T-2');
    expect(technician.subject).toBe('Job WO-cx-i cancelled');
    expect(technician.sms).toContain('Do not go');
    // not booked yet: no technician to tell, and no window to name
    const visit = await told(visitCancel, 'C-cx');
    expect(visit.subject).toBe('Your technician visit is cancelled');
    expect(visit.text).toContain('your technician visit is cancelled');
    await untold(repairCancel);
    // the owners' echoes travel on their own topics: a told event after each, same appliance, shows they were handled
    const sentinels = [installationFailed(installation), problemReported('A-cx', 'C-cx')];
    for (const e of sentinels) await publish(e);
    for (const e of sentinels) await told(e, 'C-cx');
    await untold(...echoes);
  });

  it('tells of a move once, as the new booking: same technician a new assignment, another one released and assigned', async () => {
    const first: Booking = {
      workOrderId: 'WO-mv',
      kind: 'repair',
      applianceId: 'A-mv',
      customerId: 'C-mv',
      technicianId: 'T-1',
      window: windowIn(26),
    };
    const sameTech = { ...first, window: windowIn(50) };
    const moved = workOrderRescheduled(sameTech, { technicianId: 'T-1', window: first.window });
    const rebooked = workOrderAssigned(sameTech, { reason: 'rescheduled' });
    await publish(moved);
    await publish(rebooked);
    expect((await told(rebooked, 'C-mv')).subject).toMatch(/^Your repair visit is booked for /);
    expect((await told(rebooked, 'T-1')).subject).toMatch(/^New repair job WO-mv/);
    await untold(moved);

    const otherTech = { ...first, technicianId: 'T-2', window: windowIn(74) };
    const movedAgain = workOrderRescheduled(otherTech, { technicianId: 'T-1', window: sameTech.window });
    const released = workOrderReleased(sameTech, 'reassigned');
    const assigned = workOrderAssigned(otherTech, { reason: 'rescheduled', previousTechnicianId: 'T-1' });
    for (const e of [movedAgain, released, assigned]) await publish(e);
    expect((await told(released, 'T-1')).subject).toBe('Job WO-mv is no longer yours');
    expect((await told(assigned, 'T-2')).subject).toMatch(/^New repair job WO-mv/);
    expect((await told(assigned, 'C-mv')).text).toContain('Tech T-2 will come to repair your appliance');
    await untold(movedAgain);
    // one message per move to the customer: the two bookings, nothing else
    const customerMails = smtp.to('c-mv@example.org').map((m) => m.headers['x-event-type']);
    expect(customerMails).toEqual(['work-order.assigned.v1', 'work-order.assigned.v1']);
  });

  it('tells the customer a failed and a moved installation, a new visit to follow', async () => {
    const installation: Booking = {
      workOrderId: 'WO-fl',
      kind: 'installation',
      applianceId: 'A-fl',
      customerId: 'C-er',
      technicianId: 'T-1',
    };
    const failed = installationFailed(installation);
    const rescheduled = installationRescheduled(installation);
    await publish(failed);
    await publish(rescheduled);
    const failure = await told(failed, 'C-er');
    expect(failure.subject).toBe('Your installation could not be completed');
    expect(failure.text).toContain(
      'could not be completed: the water connection is missing. We are booking a new visit',
    );
    const move = await told(rescheduled, 'C-er');
    expect(move.subject).toBe('Your installation visit is moving');
    expect(move.sms).toBe('Your installation visit is moving (the technician is ill). The new time follows.');
  });
});
