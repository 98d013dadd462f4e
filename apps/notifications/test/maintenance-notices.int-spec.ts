import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { loadNotificationsConfig, notificationId } from '@appliance-care/notifications';
import { RunningService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import { customerRegistered, ev } from './support/events';
import { startNotifications, stopNotifications } from './support/start-notifications';

const ref = {
  applianceId: 'A-mnt-1',
  customerId: 'C-mnt-1',
  planId: 'boiler-annual-gas-safety',
  planName: 'Annual gas-safety service',
};
const address = { line1: '1 Mill Lane', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB', region: 'leeds' };

/** Issue 20 item 1: the customer hears when maintenance is due and done, the dispatch team when it is overdue. */
describe('planned maintenance notices (real Kafka, FerretDB and SMTP)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let db: Connection;
  const smtp = new SmtpSink();

  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);
  const mailOf = async (event: EventEnvelope, recipientId: string) => {
    const id = notificationId(event.id, recipientId, 'email');
    const [mail] = await waitFor(() => (smtp.byNotification(id).length ? smtp.byNotification(id) : undefined), {
      what: `the mail of ${event.type} to ${recipientId}`,
    });
    return mail;
  };

  beforeAll(async () => {
    env = isolateTestEnv('notifications-maintenance');
    await smtp.start();
    const base = loadNotificationsConfig({});
    ({ svc, db, probe } = await startNotifications(env, {
      ...base,
      smtpUrl: smtp.url,
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 5000 },
      recipientSweepMs: 300,
    }));
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await smtp.stop();
  });

  it('mails the customer the due visit and its completion, and the team the overdue one', async () => {
    await publish(customerRegistered('C-mnt-1'));
    await waitFor(() => db.collection('recipients').findOne({ _id: 'C-mnt-1' as never, name: { $exists: true } }), {
      what: 'the customer',
    });
    const due = ev(
      'maintenance.due.v1',
      {
        ...ref,
        category: 'boiler',
        cycle: 1,
        attempt: 1,
        dueAt: '2027-03-01T09:00:00.000Z',
        requiredSkill: 'gas-safe',
        durationMinutes: 90,
        priority: 'normal',
        region: 'leeds',
        address,
        preferredWindow: { from: '2027-02-08T09:00:00.000Z', to: '2027-03-22T09:00:00.000Z' },
        checklist: ['flue-gas-analysis'],
        requestedAt: '2027-02-08T09:00:00.000Z',
      },
      ref.applianceId,
    );
    const overdue = ev(
      'maintenance.overdue.v1',
      { ...ref, cycle: 1, dueAt: '2027-03-01T09:00:00.000Z', region: 'leeds', overdueAt: '2027-03-02T00:00:00.000Z' },
      ref.applianceId,
    );
    const completed = ev(
      'maintenance.completed.v1',
      {
        ...ref,
        cycle: 1,
        workOrderId: 'WO-maintenance-A-mnt-1-1',
        technicianId: 'T-1',
        completedAt: '2027-03-05T10:00:00.000Z',
        checklist: [{ item: 'flue-gas-analysis', ok: true }],
        nextDueAt: '2028-03-05T10:00:00.000Z',
      },
      ref.applianceId,
    );
    for (const event of [due, overdue, completed]) await publish(event);

    expect((await mailOf(due, 'C-mnt-1')).headers['subject']).toMatch(/^Your Annual gas-safety service is due on /);
    const team = await mailOf(overdue, 'dispatch-team');
    expect(team.headers['subject']).toMatch(/^Maintenance overdue: appliance A-mnt-1 \(due /);
    expect(team.headers['x-event-type']).toBe('maintenance.overdue.v1');
    expect((await mailOf(completed, 'C-mnt-1')).headers['subject']).toBe('Your Annual gas-safety service is done');
  });
});
