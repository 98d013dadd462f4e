import { buildRepairsPolicy, SlaWatcher } from '@appliance-care/repairs';
import { http, RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { diagnosisCompleted, dispatcherToken, eventsFor, ticketIdOf, topics, waitForTicket } from './repairs.fixtures';

describe('repairs: SLA watch survives a restart and breaches exactly once', () => {
  let env: TestEnv;
  let probe: KafkaProbe;
  const running: RunningService[] = [];
  // a critical repair is due 3 s after opening; the first instance looks only once, at start-up
  const policy = (scanIntervalMs: number) => buildRepairsPolicy({ sla: { due: { critical: '3s' }, scanIntervalMs } });
  const start = async (scanIntervalMs: number) => {
    const svc = await startTestService('repairs', (c) => AppModule.register(c, policy(scanIntervalMs)), env);
    running.push(svc);
    return svc;
  };

  beforeAll(async () => {
    env = isolateTestEnv('repairs-sla');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.repairs()]);
  });
  afterAll(async () => {
    await probe?.close();
    for (const svc of running) await svc.close().catch(() => undefined);
  });

  it('finds the overdue ticket after a restart, with two instances scanning, and emits one breach', async () => {
    const first = await start(3_600_000);
    const diagnosis = diagnosisCompleted({ severity: 'critical' });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    const opened = await waitForTicket(first, ticketId);
    expect(opened).toMatchObject({ priority: 'urgent', escalated: false, sla: { breached: false } });
    expect(Date.parse(opened.sla.dueAt) - Date.parse(opened.openedAt)).toBe(3000);
    await first.close();
    expect(eventsFor(probe, ticketId, 'repair.sla-breached.v1')).toHaveLength(0);

    // two instances on the same store race for the breach
    const [a, b] = await Promise.all([start(100), start(100)]);
    const [breach] = await probe.waitForEvents(
      'repair.sla-breached.v1',
      1,
      30_000,
      (e) => (e.data as any).ticketId === ticketId,
    );
    // the region routes the dispatch team's alert
    expect(breach.data).toMatchObject({ ticketId, priority: 'urgent', slaDueAt: opened.sla.dueAt, region: 'london' });
    expect(breach.correlationid).toBe(diagnosis.correlationid);
    // caused by an SLA scan, a job of the service: the scan's id is the causation (SPEC §4)
    expect(breach.causationid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(probe.withoutCorrelationOrCause('/appliance-care/repairs')).toEqual([]);

    // let both keep scanning a while after the breach: nothing new may appear
    const watchers = [a, b].map((svc) => svc.app.get(SlaWatcher));
    const after = watchers.map((w) => w.scans);
    await waitFor(() => watchers.every((w, i) => w.scans >= after[i] + 5), {
      what: 'five more scans on each instance',
    });
    // the relay may deliver the event more than once (at least once); it is one event, by id
    const ids = new Set(eventsFor(probe, ticketId, 'repair.sla-breached.v1').map((e) => e.id));
    expect(ids.size).toBe(1);

    const ticket = await waitForTicket(a, ticketId);
    expect(ticket).toMatchObject({ escalated: true, priority: 'urgent', sla: { breached: true } });
    expect(ticket.history.filter((h: any) => h.action === 'sla-breached')).toHaveLength(1);
    const board = await http('GET', `${b.url}/api/v1/tickets?escalated=true`, { token: await dispatcherToken() });
    expect(board.body.items.map((t: any) => t.ticketId)).toEqual([ticketId]);
  });
});
