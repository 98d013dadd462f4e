import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { repairTicketChanged, repairTicketOpened, technicianBody } from './dispatch-fixtures';

interface TicketRow {
  ticketId: string;
  breached: boolean;
  workOrderId?: string;
}

/** Issue 17: the board lists the repair tickets repairs flagged (SLA at risk or breached). */
describe("the dispatcher's board of at-risk work, through the real broker and store", () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const repairs = () => physicalTopic(Topics.repairs);
  const forSource = (sourceId: string) => (e: EventEnvelope) => (e.data as { sourceId: string }).sourceId === sourceId;
  const slaDueAt = new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-board');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const board = async () => (await http('GET', `${svc.url}/api/v1/board`, { token: dispatcher })).body;
  /** The board once `check` holds for the ticket's row (undefined: the ticket is not listed). */
  const boardWhen = (ticketId: string, check: (row: TicketRow | undefined) => boolean) =>
    waitFor(
      async () => {
        const body = await board();
        const row = (body.ticketsAtRisk as TicketRow[]).find((listed) => listed.ticketId === ticketId);
        return check(row) ? { body, row } : undefined;
      },
      { what: `the board's row of ${ticketId}` },
    );

  const atRisk = (ticketId: string, technicianId?: string) =>
    repairTicketChanged('repair.sla-at-risk.v1', ticketId, {
      slaDueAt,
      atRiskAt: new Date().toISOString(),
      elapsedShare: 0.8,
      priority: 'high',
      region: 'ely',
      technicianId,
    });

  it('lists a ticket at risk once with its work order and technician, then breached, until it is completed', async () => {
    const body = technicianBody('T-ELY-1', { homeRegion: 'ely', skills: ['appliance-general'], licences: [] });
    expect((await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body })).status).toBe(201);
    await probe.publish(repairs(), repairTicketOpened('TKT-B-1', { region: 'ely', slaDueAt }));
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('TKT-B-1'));

    const warning = atRisk('TKT-B-1', 'T-ELY-1');
    await probe.publish(repairs(), warning);
    await probe.publish(repairs(), { ...warning });
    await probe.publish(repairs(), atRisk('TKT-B-1', 'T-ELY-1'));
    const { row, body: listed } = await boardWhen('TKT-B-1', (found) => found !== undefined);
    expect((listed.ticketsAtRisk as TicketRow[]).filter((found) => found.ticketId === 'TKT-B-1')).toHaveLength(1);
    expect(row).toEqual({
      ticketId: 'TKT-B-1',
      workOrderId: 'WO-repair-TKT-B-1-1',
      status: 'assigned',
      slaDueAt,
      priority: 'high',
      breached: false,
      atRiskAt: expect.any(String),
      technicianId: 'T-ELY-1',
      technicianName: 'Tech T-ELY-1',
      window: (assigned.data as { window: unknown }).window,
      region: 'ely',
    });

    const breachedAt = new Date().toISOString();
    await probe.publish(
      repairs(),
      repairTicketChanged('repair.sla-breached.v1', 'TKT-B-1', {
        slaDueAt,
        breachedAt,
        priority: 'high',
        technicianId: 'T-ELY-1',
        region: 'ely',
      }),
    );
    // a breach dispatch never had an order for is listed too (breached first, then the earliest due)
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    await probe.publish(
      repairs(),
      repairTicketChanged('repair.sla-breached.v1', 'TKT-B-NONE', {
        slaDueAt: longAgo,
        breachedAt,
        priority: 'urgent',
      }),
    );
    // the two tickets' events are on different partitions: consumed in either order
    const breachedRows = (body: { ticketsAtRisk: TicketRow[] }) =>
      body.ticketsAtRisk.filter((listed) => listed.ticketId.startsWith('TKT-B-') && listed.breached);
    const breached = await waitFor(
      async () => {
        const body = await board();
        return breachedRows(body).length === 2 ? { body } : undefined;
      },
      { what: 'both tickets breached on the board' },
    );
    const rows = breachedRows(breached.body);
    expect(rows).toEqual([
      expect.objectContaining({ ticketId: 'TKT-B-NONE', breached: true, slaDueAt: longAgo }),
      expect.objectContaining({ ticketId: 'TKT-B-1', breached: true, breachedAt, workOrderId: 'WO-repair-TKT-B-1-1' }),
    ]);
    expect(rows[0]).not.toHaveProperty('workOrderId');
    expect(breached.body).toEqual(
      expect.objectContaining({ unassigned: expect.any(Array), atRisk: expect.any(Array), awaitingParts: [] }),
    );

    await probe.publish(
      repairs(),
      repairTicketChanged('repair.completed.v1', 'TKT-B-1', {
        technicianId: 'T-ELY-1',
        workDone: 'replaced the pump',
        partsUsed: [],
        labourMinutes: 30,
        signedOffBy: 'customer',
        firstTimeFix: true,
      }),
    );
    await boardWhen('TKT-B-1', (listed) => listed === undefined);
  });

  it('names the region of an order nobody can take', async () => {
    await probe.publish(repairs(), repairTicketOpened('TKT-B-2', { region: 'march' }));
    const [waiting] = await probe.waitForEvents('work-order.unassignable.v1', 1, 30_000, forSource('TKT-B-2'));
    expect(waiting.data).toMatchObject({ region: 'march', reason: 'no technician covers region march' });
  });
});
