import { dlqTopic } from '@appliance-care/contracts';
import { buildRepairsPolicy } from '@appliance-care/repairs';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  assign,
  diagnosisCompleted,
  dispatcherToken,
  eventsFor,
  forTicket,
  partsArrived,
  ticketIdOf,
  topics,
  uid,
  waitForTicket,
  workOrderCancelled,
} from './repairs.fixtures';

describe('repairs: parts arrived, appointments cancelled and the figures per technician and region', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const tech = (technicianId: string) => tokenFor('technician', { technicianId }, `user-${technicianId}`);
  const post = async (ticketId: string, action: string, token: string, body?: unknown, key?: string) =>
    http('POST', `${svc.url}/api/v1/tickets/${ticketId}/${action}`, {
      token,
      body,
      headers: key ? { 'idempotency-key': key } : undefined,
    });
  const step = async (ticketId: string, action: string, technicianId: string, body?: unknown) => {
    const res = await post(ticketId, action, await tech(technicianId), body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const soon = () => new Date(Date.now() + 600e3).toISOString();
  const waitedParts = [{ sku: 'CONTROL-BOARD-01', name: 'Control board', quantity: 1 }];

  /** A ticket opened, booked, started and left waiting for parts by `technicianId` (the view after it). */
  async function waitingForParts(ticketId: string, technicianId: string): Promise<any> {
    await assign(probe, svc, ticketId, technicianId);
    await step(ticketId, 'accept', technicianId);
    await step(ticketId, 'en-route', technicianId, { eta: soon() });
    await step(ticketId, 'start', technicianId);
    const expectedAt = new Date(Date.now() + 2 * 86400e3).toISOString();
    const waiting = await step(ticketId, 'awaiting-parts', technicianId, { parts: waitedParts, expectedAt });
    expect(waiting).toMatchObject({ status: 'awaiting-parts', sla: { paused: true } });
    return waiting;
  }
  async function opened(over: Parameters<typeof diagnosisCompleted>[0] = {}) {
    const diagnosis = diagnosisCompleted(over);
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await waitForTicket(svc, ticketId);
    return { diagnosis, ticketId };
  }
  async function finish(ticketId: string, technicianId: string) {
    await assign(probe, svc, ticketId, technicianId);
    await step(ticketId, 'accept', technicianId);
    await step(ticketId, 'en-route', technicianId, { eta: soon() });
    await step(ticketId, 'start', technicianId);
    const report = { workDone: 'fixed', partsUsed: [], labourMinutes: 30, signedOffBy: 'Ada' };
    return step(ticketId, 'complete', technicianId, report);
  }
  const historyAt = (view: any, action: string) =>
    view.history.filter((h: any) => h.action === action).map((h: any) => Date.parse(h.at));

  // the first test's ticket (completed), and the one the cancellation test opens and the stats test completes
  let restTicket: string;
  let northTicket: string;

  beforeAll(async () => {
    env = isolateTestEnv('repairs-parts');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.repairs(), dlqTopic(topics.warehouse()), dlqTopic(topics.dispatch())]);
    svc = await startTestService('repairs', (c) => AppModule.register(c, buildRepairsPolicy()), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it("a dispatcher's parts-arrived sends the ticket back to scheduling, the due time moved by the pause, and the return visit completes", async () => {
    const { diagnosis, ticketId } = await opened();
    restTicket = ticketId;
    const waiting = await waitingForParts(ticketId, 'TECH-P1');
    const dispatcher = await dispatcherToken();

    expect((await post(ticketId, 'parts-arrived', await tech('TECH-P1'), {})).status).toBe(403);
    expect((await post(ticketId, 'parts-arrived', await tokenFor('customer', { customerId: 'C-1' }), {})).status).toBe(
      403,
    );
    expect((await post(`RT-NO-SUCH-${uid('X')}`, 'parts-arrived', dispatcher, {})).status).toBe(404);
    expect((await post(ticketId, 'parts-arrived', dispatcher, { parts: [] })).body).toMatchObject({
      status: 400,
      errors: [{ field: 'parts' }],
    });

    const res = await post(ticketId, 'parts-arrived', dispatcher, { reference: 'GRN-0042' }, 'k-parts');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'awaiting-assignment', sla: { paused: false } });
    expect(res.body.technicianId).toBeUndefined();
    expect(res.body.awaitingParts).toBeUndefined();
    const [pausedAt] = historyAt(res.body, 'awaiting-parts');
    const [resumedAt] = historyAt(res.body, 'parts-arrived');
    expect(Date.parse(res.body.sla.dueAt)).toBe(Date.parse(waiting.sla.dueAt) + (resumedAt - pausedAt));
    // the same request again answers the ticket; another one is refused by the state
    expect((await post(ticketId, 'parts-arrived', dispatcher, { reference: 'GRN-0042' }, 'k-parts')).status).toBe(200);
    expect((await post(ticketId, 'parts-arrived', dispatcher)).body).toMatchObject({
      status: 409,
      currentState: 'awaiting-assignment',
    });

    const [event] = await probe.waitForEvents('repair.parts-arrived.v1', 1, 30_000, forTicket(ticketId));
    expect(event.data).toEqual({
      ticketId,
      applianceId: 'A-1',
      customerId: 'C-1',
      at: new Date(resumedAt).toISOString(),
      arrivedVia: 'api',
      parts: waitedParts,
      previousTechnicianId: 'TECH-P1',
      requiredSkill: 'appliance-general',
      region: 'london',
      address: diagnosis.data.address,
      priority: 'high',
      durationMinutes: 90,
      slaDueAt: res.body.sla.dueAt,
      slaResumed: true,
    });
    expect(event).toMatchObject({
      correlationid: diagnosis.correlationid,
      causationid: res.headers.get('x-request-id'),
    });

    // dispatch books the return visit (another technician here): the usual steps finish the job
    const done = await finish(ticketId, 'TECH-P2');
    expect(done).toMatchObject({ status: 'completed', technicianId: 'TECH-P2', firstTimeFix: false, visits: 2 });
    expect(new Set(eventsFor(probe, ticketId, 'repair.parts-arrived.v1').map((e) => e.id)).size).toBe(1);
  });

  it("the warehouse's parts.arrived.v1 does the same once per event, ignores a ticket not waiting, and dead-letters an unknown ticket", async () => {
    const { ticketId } = await opened();
    const waiting = await waitingForParts(ticketId, 'TECH-W');
    const first = partsArrived(ticketId, { reference: 'GRN-1' });
    await probe.publish(topics.warehouse(), first);
    const [event] = await probe.waitForEvents('repair.parts-arrived.v1', 1, 30_000, forTicket(ticketId));
    expect(event.data).toMatchObject({
      arrivedVia: 'warehouse',
      previousTechnicianId: 'TECH-W',
      parts: waitedParts,
      slaResumed: true,
    });
    expect(event.causationid).toBe(first.id);
    const resumed = await waitForTicket(svc, ticketId);
    // the pause ended when the warehouse says the parts arrived, not when the event was handled
    const [pausedAt] = historyAt(resumed, 'awaiting-parts');
    const pause = Date.parse(first.data.arrivedAt) - pausedAt;
    expect(Date.parse(resumed.sla.dueAt)).toBe(Date.parse(waiting.sla.dueAt) + pause);
    expect(Date.parse((event.data as any).slaDueAt)).toBe(Date.parse(resumed.sla.dueAt));
    expect(resumed).toMatchObject({ status: 'awaiting-assignment', sla: { paused: false } });

    // another report for a ticket no longer waiting, and a redelivery: nothing happens, nothing is dead-lettered
    await probe.publish(topics.warehouse(), partsArrived(ticketId));
    await probe.publish(topics.warehouse(), first);
    // parts for a ticket that does not exist: dead-lettered. Sent on this ticket's partition (its key), so
    // once the dead letter is there the two reports above were handled, before the ticket waits again
    const unknown = `RT-NO-SUCH-${uid('CASE')}`;
    await probe.publish(topics.warehouse(), partsArrived(unknown), 'binary', ticketId);
    const dead = await waitFor(
      () => probe.on(dlqTopic(topics.warehouse())).find((m) => m.headers['x-error-message']?.includes(unknown)),
      { what: 'dead letter for the unknown ticket' },
    );
    expect(dead.headers['x-error-code']).toBe('unknown-ticket');

    // the ticket waits for parts a second time: the old event delivered again still changes nothing
    await waitingForParts(ticketId, 'TECH-W');
    await probe.publish(topics.warehouse(), first);
    // a completed ticket (the first test's): ignored, not dead-lettered (on this partition too, handled before `last`)
    await probe.publish(topics.warehouse(), partsArrived(restTicket), 'binary', ticketId);
    const last = partsArrived(ticketId, { parts: [{ sku: 'X-1', name: 'Another board', quantity: 1 }] });
    await probe.publish(topics.warehouse(), last, 'structured');
    const [second] = await probe.waitForEvents('repair.parts-arrived.v1', 1, 30_000, (e) => e.causationid === last.id);
    expect(second.data).toMatchObject({ parts: last.data.parts, slaResumed: true });

    const arrivals = eventsFor(probe, ticketId, 'repair.parts-arrived.v1');
    expect([...new Set(arrivals.map((e) => e.causationid))]).toEqual([first.id, last.id]);
    const ticket = await waitForTicket(svc, ticketId);
    expect(ticket.history.filter((h: any) => h.action === 'parts-arrived')).toHaveLength(2);
    expect((await waitForTicket(svc, restTicket)).status).toBe('completed');
    expect(probe.on(dlqTopic(topics.warehouse()))).toHaveLength(1);
  });

  it('cancels the ticket when its repair appointment is cancelled, once, ignoring other kinds and stale appointments', async () => {
    const { diagnosis, ticketId } = await opened();
    const workOrderId = uid('WO');
    await assign(probe, svc, ticketId, 'TECH-C', { workOrderId });
    await probe.publish(topics.dispatch(), workOrderCancelled(ticketId, workOrderId, { kind: 'installation' }));
    await probe.publish(topics.dispatch(), workOrderCancelled(ticketId, uid('WO-OLD'), { reason: 'stale' }));
    const cancellation = workOrderCancelled(ticketId, workOrderId, { reason: 'moving house', cancelledBy: 'customer' });
    await probe.publish(topics.dispatch(), cancellation);

    const [event] = await probe.waitForEvents('repair.cancelled.v1', 1, 30_000, forTicket(ticketId));
    expect(event.data).toMatchObject({ reason: 'moving house', cancelledBy: 'customer', technicianId: 'TECH-C' });
    expect(event).toMatchObject({ causationid: cancellation.id, correlationid: diagnosis.correlationid });
    const ticket = await waitForTicket(svc, ticketId, (t) => t.status === 'cancelled');
    expect(ticket.cancellation).toEqual({ reason: 'moving house', cancelledBy: 'customer' });
    expect(ticket.history.at(-1)).toMatchObject({ action: 'cancel', by: 'dispatch' });

    // delivered again, and cancelled again by a dispatcher: the ticket is closed, nothing changes
    await probe.publish(topics.dispatch(), cancellation);
    await probe.publish(topics.dispatch(), workOrderCancelled(ticketId, workOrderId, { cancelledBy: 'dispatcher' }));
    // same key (the appliance), so once this booking is known every cancellation above was handled
    const sentinel = await opened({ region: 'north' });
    await assign(probe, svc, sentinel.ticketId, 'TECH-N');
    northTicket = sentinel.ticketId;
    expect(eventsFor(probe, ticketId, 'repair.cancelled.v1').map((e) => e.causationid)).toEqual(
      expect.arrayContaining([cancellation.id]),
    );
    expect(new Set(eventsFor(probe, ticketId, 'repair.cancelled.v1').map((e) => e.id)).size).toBe(1);
    expect((await waitForTicket(svc, ticketId)).history.filter((h: any) => h.action === 'cancel')).toHaveLength(1);
    expect(probe.on(dlqTopic(topics.dispatch()))).toEqual([]);
  });

  it('reports first-time fix, mean time to repair and SLA compliance per technician and per region', async () => {
    const done = await finish(northTicket, 'TECH-N');
    expect(done).toMatchObject({ status: 'completed', firstTimeFix: true });
    const token = await dispatcherToken();
    const from = new Date(Date.now() - 3600e3).toISOString();
    const stats = await http('GET', `${svc.url}/api/v1/stats?from=${from}`, { token });
    expect(stats.status).toBe(200);
    // completed here: the REST parts ticket (TECH-P2, london, after a parts wait) and this one (TECH-N, north)
    expect(stats.body).toMatchObject({ completed: 2, firstTimeFixRate: 0.5, slaCompliance: 1 });
    const figures = (completed: number, firstTimeFixRate: number) => ({
      completed,
      firstTimeFixRate,
      slaCompliance: 1,
      meanTimeToRepairMinutes: expect.any(Number),
    });
    expect(stats.body.byTechnician).toEqual([
      { technicianId: 'TECH-N', ...figures(1, 1) },
      { technicianId: 'TECH-P2', ...figures(1, 0) },
    ]);
    expect(stats.body.byRegion).toEqual([
      { region: 'london', ...figures(1, 0) },
      { region: 'north', ...figures(1, 1) },
    ]);
    const empty = await http('GET', `${svc.url}/api/v1/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`, {
      token,
    });
    expect(empty.body).toMatchObject({ completed: 0, byTechnician: [], byRegion: [] });
  });

  it('gave every event it produced a correlationid and a causationid (SPEC §4)', () => {
    expect(probe.withoutCorrelationOrCause('/appliance-care/repairs')).toEqual([]);
  });
});
