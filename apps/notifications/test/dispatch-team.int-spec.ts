import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { loadNotificationsConfig, loadTeamDirectory, notificationId } from '@appliance-care/notifications';
import { http, RunningService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import { customerRegistered, ev } from './support/events';
import { startNotifications, stopNotifications } from './support/start-notifications';

const DEFAULT_ADDRESS = 'dispatch@appliance-care.local';
const LONDON_ADDRESS = 'london-dispatch@example.org';
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

const unassignable = (id: string, region?: string) =>
  ev(
    'work-order.unassignable.v1',
    {
      workOrderId: `WO-${id}`,
      kind: 'repair',
      sourceId: `RT-${id}`,
      applianceId: `A-${id}`,
      customerId: `C-${id}`,
      reason: 'no technician with skill gas-safe in cardiff before the SLA',
      ...(region ? { region } : {}),
    },
    `A-${id}`,
  );

const slaAtRisk = (id: string, region?: string) =>
  ev(
    'repair.sla-at-risk.v1',
    {
      ticketId: `RT-${id}`,
      applianceId: `A-${id}`,
      customerId: `C-${id}`,
      slaDueAt: hoursFromNow(2),
      atRiskAt: new Date().toISOString(),
      elapsedShare: 0.75,
      priority: 'high',
      ...(region ? { region } : {}),
    },
    `A-${id}`,
  );

const slaBreached = (id: string, customerId: string, region?: string) =>
  ev(
    'repair.sla-breached.v1',
    {
      ticketId: `RT-${id}`,
      applianceId: `A-${id}`,
      customerId,
      slaDueAt: hoursFromNow(-1),
      breachedAt: new Date().toISOString(),
      priority: 'urgent',
      technicianId: 'T-7',
      ...(region ? { region } : {}),
    },
    `A-${id}`,
  );

/**
 * The dispatch team as a recipient through the real broker, store and SMTP server: unassignable
 * orders, SLA warnings and breaches by email and in the team's in-app feed, routed by region.
 */
describe('the dispatch team is told (real Kafka, FerretDB and SMTP)', () => {
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
  const feedOf = async (recipientId: string, role: 'dispatcher' | 'admin') => {
    const res = await http('GET', `${svc.url}/api/v1/recipients/${recipientId}/feed`, { token: await tokenFor(role) });
    expect(res.status).toBe(200);
    return res.body.items as { id: string; eventType: string; template: string; subject: string }[];
  };

  beforeAll(async () => {
    env = isolateTestEnv('notifications-dispatch-team');
    await smtp.start();
    const base = loadNotificationsConfig({});
    ({ svc, db, probe } = await startNotifications(env, {
      ...base,
      smtpUrl: smtp.url,
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 5000 },
      recipientSweepMs: 300,
      teams: loadTeamDirectory({ DISPATCH_TEAM_ROUTES: `London=${LONDON_ADDRESS}` }),
    }));
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await smtp.stop();
  });

  it('mails the three alert kinds to the team, the region’s team when one is configured, and fills their feeds', async () => {
    const plain = unassignable('dt-1');
    const london = unassignable('dt-2', 'london');
    const atRisk = slaAtRisk('dt-3', 'cardiff'); // no route for cardiff: the team itself
    await Promise.all([publish(plain), publish(london), publish(atRisk)]);

    const plainMail = await mailOf(plain, 'dispatch-team');
    expect(plainMail.to).toEqual([DEFAULT_ADDRESS]);
    expect(plainMail.headers['subject']).toBe('Unassignable: repair work order WO-dt-1');
    expect(plainMail.headers['x-event-type']).toBe('work-order.unassignable.v1');
    const londonMail = await mailOf(london, 'dispatch-team:london');
    expect(londonMail.to).toEqual([LONDON_ADDRESS]);
    expect(londonMail.headers['subject']).toBe('Unassignable: repair work order WO-dt-2 (london)');
    const riskMail = await mailOf(atRisk, 'dispatch-team');
    expect(riskMail.to).toEqual([DEFAULT_ADDRESS]);
    expect(riskMail.headers['subject']).toMatch(/^SLA at risk: repair RT-dt-3 due /);
    const text = (
      await db.collection('notifications').findOne({ _id: notificationId(plain.id, 'dispatch-team', 'email') as never })
    )?.['content'].text;
    expect(text).toContain('no technician with skill gas-safe in cardiff before the SLA');

    await waitFor(async () => (await feedOf('dispatch-team', 'dispatcher')).length >= 2, { what: 'the team feed' });
    expect((await feedOf('dispatch-team', 'dispatcher')).map((e) => e.template).sort()).toEqual([
      'dispatch-sla-at-risk',
      'dispatch-unassignable',
    ]);
    expect((await feedOf('dispatch-team:london', 'admin')).map((e) => e.id)).toEqual([
      notificationId(london.id, 'dispatch-team:london', 'in-app'),
    ]);
    const [sent] = await probe.waitForEvents(
      'notification.sent.v1',
      1,
      30_000,
      (e) =>
        (e.data as { notificationId: string }).notificationId ===
        notificationId(london.id, 'dispatch-team:london', 'email'),
    );
    expect(sent.data).toMatchObject({ recipientKind: 'dispatch-team', recipientId: 'dispatch-team:london' });
  });

  it('tells the team of a breach while the customer still gets the apology', async () => {
    await publish(customerRegistered('C-breach'));
    await waitFor(() => db.collection('recipients').findOne({ _id: 'C-breach' as never, name: { $exists: true } }), {
      what: 'the customer',
    });
    const breach = slaBreached('dt-4', 'C-breach', 'London');
    await publish(breach);
    const teamMail = await mailOf(breach, 'dispatch-team:london');
    expect(teamMail.to).toEqual([LONDON_ADDRESS]);
    expect(teamMail.headers['subject']).toBe('SLA breached: repair RT-dt-4');
    const apology = await mailOf(breach, 'C-breach');
    expect(apology.headers['subject']).toBe('We are sorry: your repair is late');
    await waitFor(
      async () =>
        (await feedOf('dispatch-team:london', 'dispatcher')).some((e) => e.template === 'dispatch-sla-breached'),
      { what: 'the breach in the London feed' },
    );
  });

  it('shows the team and its feed to dispatchers and admins only', async () => {
    const dispatcher = await http('GET', `${svc.url}/api/v1/recipients/dispatch-team`, {
      token: await tokenFor('dispatcher'),
    });
    expect(dispatcher.status).toBe(200);
    expect(dispatcher.body).toMatchObject({ id: 'dispatch-team', kind: 'dispatch-team', name: 'Dispatch team' });
    const customer = await tokenFor('customer', { customerId: 'C-breach' });
    const technician = await tokenFor('technician', { technicianId: 'T-7' });
    for (const token of [customer, technician]) {
      expect((await http('GET', `${svc.url}/api/v1/recipients/dispatch-team/feed`, { token })).status).toBe(404);
      expect((await http('GET', `${svc.url}/api/v1/recipients/dispatch-team:london/feed`, { token })).status).toBe(404);
    }
    expect((await http('GET', `${svc.url}/api/v1/recipients/dispatch-team/feed`, {})).status).toBe(401);
  });
});
