import { Connection } from 'mongoose';

import { eventDefinition, EventEnvelope, EventType } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { loadNotificationsConfig } from '@appliance-care/notifications';
import { RunningService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, SmtpSink, TestEnv, waitFor } from '@appliance-care/testing';

import { customerRegistered, ev, problemReported } from './support/events';
import { startNotifications, stopNotifications } from './support/start-notifications';

const CUSTOMERS = 30;
const CASE_ORDER = ['problem.reported.v1', 'diagnosis.guidance-sent.v1', 'diagnosis.completed.v1'];

/** The events of one case, in the order diagnostics publishes them: one lifecycle thread (correlation id). */
function caseEvents(applianceId: string, customerId: string): EventEnvelope[] {
  const reported = problemReported(applianceId, customerId);
  const thread = { correlationid: reported.correlationid };
  const caseRef = { caseId: `CASE-${applianceId}`, applianceId, customerId };
  const fault = { code: 'E21', component: 'drain filter', description: 'Drain filter blocked' };
  const guidance = {
    ...ev(
      'diagnosis.guidance-sent.v1',
      { ...caseRef, fault, steps: ['Open the flap', 'Clean the drain filter'] },
      applianceId,
    ),
    ...thread,
    causationid: reported.id,
  };
  const completed = {
    ...ev(
      'diagnosis.completed.v1',
      {
        ...caseRef,
        outcome: 'resolved',
        category: 'washing-machine',
        faults: [fault],
        parts: [],
        severity: 'low',
        reportedAt: new Date().toISOString(),
        warranty: { status: 'in-warranty', endsAt: '2028-11-28T10:15:00Z' },
        completedAt: new Date().toISOString(),
      },
      applianceId,
    ),
    ...thread,
    causationid: guidance.id,
  };
  return [reported, guidance, completed];
}

/**
 * Issue 14 item 7: the mails of one case reach the customer in the order of the case's events, also
 * when the first one is held up (greylisting, a 451 answered once) and many cases are under way at
 * once; cases of different customers do not wait for each other.
 */
describe('notifications: delivery in the order of the events (real Kafka, FerretDB and SMTP)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let smtp: SmtpSink;
  let db: Connection;
  const publish = (event: EventEnvelope) =>
    probe.publish(physicalTopic(eventDefinition(event.type as EventType).topic), event);

  beforeAll(async () => {
    env = isolateTestEnv('notifications-order');
    smtp = new SmtpSink();
    smtp.delayMs = 20;
    await smtp.start();
    const notifications = {
      ...loadNotificationsConfig({}),
      smtpUrl: smtp.url,
      retry: { baseMs: 300, maxMs: 2000, maxAttempts: 6 },
      worker: { batchSize: 50, concurrency: 8, pollMs: 100, leaseMs: 10_000 },
      recipientSweepMs: 300,
    };
    ({ svc, db, probe } = await startNotifications(env, notifications));
  });

  afterAll(async () => {
    await stopNotifications({ svc, db, probe });
    await smtp?.stop();
  });

  it(`delivers each customer's mails of a case in event order, ${CUSTOMERS} cases at once, a third of them greylisted once`, async () => {
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `C-ord-${i}`);
    const address = (id: string) => `${id.toLowerCase()}@example.org`;
    await Promise.all(customers.map((id) => publish(customerRegistered(id))));
    await waitFor(async () => (await db.collection('recipients').countDocuments({ kind: 'customer' })) === CUSTOMERS, {
      what: 'the customers',
      timeoutMs: 60_000,
    });

    // greylisting: the first delivery attempt to these addresses is answered 451 (try again later)
    const greylisted = new Set(customers.filter((_, i) => i % 3 === 0).map(address));
    const refusedOnce = new Set<string>();
    smtp.reject = (to) => {
      if (!greylisted.has(to) || refusedOnce.has(to)) return undefined;
      refusedOnce.add(to);
      return { code: 451, message: 'greylisted, try again later' };
    };

    // each case's three events in quick succession, all cases at the same time
    await Promise.all(
      customers.map(async (id, i) => {
        for (const event of caseEvents(`A-ord-${i}`, id)) await publish(event);
      }),
    );

    await waitFor(() => customers.every((id) => smtp.to(address(id)).length >= CASE_ORDER.length), {
      what: `${CUSTOMERS * CASE_ORDER.length} mails`,
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    expect(refusedOnce.size).toBe(greylisted.size);
    const outOfOrder = customers
      .map((id) => ({ id, received: smtp.to(address(id)).map((m) => m.headers['x-event-type']) }))
      .filter(({ received }) => JSON.stringify(received) !== JSON.stringify(CASE_ORDER));
    expect(outOfOrder).toEqual([]);
    // once each, and every one recorded as sent
    expect(new Set(smtp.mails.map((m) => m.headers['x-notification-id'])).size).toBe(CUSTOMERS * CASE_ORDER.length);
    await waitFor(
      async () =>
        (await db.collection('notifications').countDocuments({ channel: 'email', status: 'sent' })) ===
        CUSTOMERS * CASE_ORDER.length,
      { what: 'all recorded as sent' },
    );
    expect(await db.collection('notifications').countDocuments({ openThread: { $exists: true } })).toBe(0);
  }, 240_000);
});
