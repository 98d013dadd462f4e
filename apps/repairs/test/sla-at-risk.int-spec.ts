import { buildRepairsPolicy, SlaWatcher } from '@appliance-care/repairs';
import { http, RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { diagnosisCompleted, dispatcherToken, eventsFor, ticketIdOf, topics, waitForTicket } from './repairs.fixtures';

describe('repairs: the SLA warning is raised once per ticket, across restarts and instances', () => {
  let env: TestEnv;
  let probe: KafkaProbe;
  const running: RunningService[] = [];
  // the default policy (high: 24 h, warned at 75 %); the timer scans once at start-up, with the real
  // time: the test scans at chosen instants of the ticket's 24 hours instead
  const start = async () => {
    const policy = buildRepairsPolicy({ sla: { scanIntervalMs: 3_600_000 } });
    const svc = await startTestService('repairs', (c) => AppModule.register(c, policy), env);
    running.push(svc);
    return svc;
  };
  const scan = (svc: RunningService, at: Date) => svc.app.get(SlaWatcher).scan(at);
  const atRiskList = async (svc: RunningService) =>
    (await http('GET', `${svc.url}/api/v1/tickets?atRisk=true`, { token: await dispatcherToken() })).body.items.map(
      (t: { ticketId: string }) => t.ticketId,
    );

  beforeAll(async () => {
    env = isolateTestEnv('repairs-sla-risk');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.repairs()]);
  });
  afterAll(async () => {
    await probe?.close();
    for (const svc of running) await svc.close().catch(() => undefined);
  });

  it('warns at 75 % of the allowed time, with the region; not again after a restart; the breach follows', async () => {
    const first = await start();
    const diagnosis = diagnosisCompleted({ severity: 'high', region: 'wales' });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    const opened = await waitForTicket(first, ticketId);
    const hoursIn = (h: number) => new Date(Date.parse(opened.openedAt) + h * 3600e3);
    expect(Date.parse(opened.sla.dueAt)).toBe(hoursIn(24).getTime());

    await scan(first, hoursIn(17.9));
    expect(await waitForTicket(first, ticketId)).toMatchObject({ sla: { atRisk: false } });
    expect(await atRiskList(first)).toEqual([]);
    await first.close();

    // two instances on the same store race for the warning
    const [a, b] = await Promise.all([start(), start()]);
    await Promise.all([scan(a, hoursIn(18)), scan(b, hoursIn(18))]);
    const [warning] = await probe.waitForEvents(
      'repair.sla-at-risk.v1',
      1,
      30_000,
      (e) => (e.data as any).ticketId === ticketId,
    );
    expect(warning.data).toEqual({
      ticketId,
      applianceId: 'A-1',
      customerId: 'C-1',
      slaDueAt: opened.sla.dueAt,
      atRiskAt: hoursIn(18).toISOString(),
      elapsedShare: 0.75,
      priority: 'high',
      region: 'wales',
    });
    expect(warning.correlationid).toBe(diagnosis.correlationid);
    expect(warning.causationid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await atRiskList(b)).toEqual([ticketId]);
    expect(await waitForTicket(a, ticketId)).toMatchObject({
      sla: { atRisk: true, atRiskAt: hoursIn(18).toISOString(), breached: false },
      priority: 'high',
    });
    await Promise.all([a.close(), b.close()]);

    // a new instance keeps scanning while the ticket is still at risk: no second warning
    const third = await start();
    for (const h of [19, 20, 23.9]) await scan(third, hoursIn(h));
    let ticket = await waitForTicket(third, ticketId);
    expect(ticket.history.filter((h: any) => h.action === 'sla-at-risk')).toHaveLength(1);

    // the breach still comes, with the region; a breached ticket is escalated, no longer "at risk"
    expect(await scan(third, hoursIn(24))).toBe(1);
    const [breach] = await probe.waitForEvents(
      'repair.sla-breached.v1',
      1,
      30_000,
      (e) => (e.data as any).ticketId === ticketId,
    );
    expect(breach.data).toMatchObject({ ticketId, region: 'wales', priority: 'urgent' });
    ticket = await waitForTicket(third, ticketId);
    expect(ticket).toMatchObject({ escalated: true, sla: { breached: true, atRisk: false } });
    expect(await atRiskList(third)).toEqual([]);

    // the relay may deliver an event more than once (at least once); it is one event, by id
    expect(new Set(eventsFor(probe, ticketId, 'repair.sla-at-risk.v1').map((e) => e.id)).size).toBe(1);
    expect(ticket.history.filter((h: any) => h.action === 'sla-at-risk')).toHaveLength(1);
    expect(probe.withoutCorrelationOrCause('/appliance-care/repairs')).toEqual([]);
  });
});
