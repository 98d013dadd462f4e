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
  ticketIdOf,
  topics,
  uid,
  waitForTicket,
  workOrderAssigned,
  workOrderReleased,
} from './repairs.fixtures';

describe('repairs: tickets from diagnosis to completion through Kafka and FerretDB', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const tech = (technicianId: string) => tokenFor('technician', { technicianId }, `user-${technicianId}`);
  const post = async (
    ticketId: string,
    action: string,
    technicianId: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    http('POST', `${svc.url}/api/v1/tickets/${ticketId}/${action}`, { token: await tech(technicianId), body, headers });

  beforeAll(async () => {
    env = isolateTestEnv('repairs-lifecycle');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([
      topics.repairs(),
      topics.diagnostics(),
      topics.dispatch(),
      dlqTopic(topics.diagnostics()),
      dlqTopic(topics.dispatch()),
    ]);
    svc = await startTestService('repairs', (c) => AppModule.register(c, buildRepairsPolicy()), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('opens a covered ticket and takes it through accept, en route, start and complete, with each event', async () => {
    const diagnosis = diagnosisCompleted({ severity: 'critical' });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);

    const [opened] = await probe.waitForEvents('repair.ticket-opened.v1', 1, 30_000, forTicket(ticketId));
    expect(opened.data).toMatchObject({
      caseId: diagnosis.data.caseId,
      priority: 'urgent',
      severity: 'critical',
      requiredSkill: 'appliance-general',
      region: 'london',
      durationMinutes: 90,
      coverage: { status: 'covered' },
    });
    expect((opened.data as any).coverage.estimate).toBeUndefined();
    expect(Date.parse((opened.data as any).slaDueAt) - Date.parse((opened.data as any).openedAt)).toBe(4 * 3600e3);
    expect(opened).toMatchObject({ correlationid: diagnosis.correlationid, causationid: diagnosis.id, subject: 'A-1' });

    await assign(probe, svc, ticketId, 'TECH-1');
    // a technician who does not hold the ticket can neither read nor act on it
    expect((await post(ticketId, 'accept', 'TECH-X')).status).toBe(404);
    expect((await post(ticketId, 'start', 'TECH-1')).body).toMatchObject({ status: 409, currentState: 'assigned' });

    const accept = await post(ticketId, 'accept', 'TECH-1', undefined, { 'idempotency-key': 'k-accept' });
    expect(accept.body.status).toBe('accepted');
    // a retried request with the same key answers the ticket, not a 409
    const retried = await post(ticketId, 'accept', 'TECH-1', undefined, { 'idempotency-key': 'k-accept' });
    expect(retried.status).toBe(200);
    expect((await post(ticketId, 'accept', 'TECH-1')).status).toBe(409);

    const eta = new Date(Date.now() + 1800e3).toISOString();
    expect((await post(ticketId, 'en-route', 'TECH-1', { eta: 'soon' })).body).toMatchObject({
      status: 400,
      errors: [{ field: 'eta' }],
    });
    expect((await post(ticketId, 'en-route', 'TECH-1', { eta })).body).toMatchObject({ status: 'en-route', eta });
    expect((await post(ticketId, 'start', 'TECH-1')).body.status).toBe('in-progress');
    const incomplete = await post(ticketId, 'complete', 'TECH-1', {
      workDone: 'pump replaced',
      partsUsed: [],
      labourMinutes: 40,
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors).toEqual([expect.objectContaining({ field: 'signedOffBy' })]);
    const done = await post(ticketId, 'complete', 'TECH-1', {
      workDone: 'drain pump replaced',
      partsUsed: [{ sku: 'DRAIN-PUMP-01', name: 'Drain pump', quantity: 1 }],
      labourMinutes: 40,
      signedOffBy: 'Ada Lovelace',
    });
    expect(done.body).toMatchObject({ status: 'completed', firstTimeFix: true, sla: { met: true, breached: false } });

    const completed = await probe.waitForEvents('repair.completed.v1', 1, 30_000, forTicket(ticketId));
    expect(completed[0].data).toMatchObject({
      technicianId: 'TECH-1',
      firstTimeFix: true,
      labourMinutes: 40,
      signedOffBy: 'Ada Lovelace',
    });
    // a REST call continues the ticket's thread; its cause is the request (SPEC §4)
    expect(completed[0]).toMatchObject({
      correlationid: diagnosis.correlationid,
      causationid: done.headers.get('x-request-id'),
    });
    const [accepted] = eventsFor(probe, ticketId, 'repair.accepted.v1');
    expect(accepted).toMatchObject({
      correlationid: diagnosis.correlationid,
      causationid: accept.headers.get('x-request-id'),
    });
    expect(eventsFor(probe, ticketId).map((e) => e.type)).toEqual([
      'repair.ticket-opened.v1',
      'repair.accepted.v1',
      'repair.en-route.v1',
      'repair.started.v1',
      'repair.completed.v1',
    ]);

    const view = await http('GET', `${svc.url}/api/v1/tickets/${ticketId}`, { token: await tech('TECH-1') });
    expect(view.body.history.map((h: any) => h.action)).toEqual([
      'opened',
      'assign',
      'accept',
      'en-route',
      'start',
      'complete',
    ]);
    expect(
      (
        await http('GET', `${svc.url}/api/v1/tickets/${ticketId}`, {
          token: await tokenFor('customer', { customerId: 'C-1' }),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await http('GET', `${svc.url}/api/v1/tickets/${ticketId}`, {
          token: await tokenFor('customer', { customerId: 'C-2' }),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await post(ticketId, 'awaiting-parts', 'TECH-1', {
          parts: [{ sku: 'X', name: 'x', quantity: 1 }],
          expectedAt: eta,
        })
      ).body,
    ).toMatchObject({ status: 409, currentState: 'completed' });
  });

  it('opens a billable ticket with its estimate for a problem reported after the warranty ended', async () => {
    const diagnosis = diagnosisCompleted({
      reportedAt: new Date().toISOString(),
      warranty: { status: 'out-of-warranty', endsAt: new Date(Date.now() - 30 * 86400e3).toISOString() },
      parts: [
        { sku: 'DRAIN-PUMP-01', name: 'Drain pump', quantity: 2 },
        { sku: 'UNLISTED', name: 'Clip', quantity: 1 },
      ],
      severity: 'medium',
    });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    const [opened] = await probe.waitForEvents('repair.ticket-opened.v1', 1, 30_000, forTicket(ticketId));
    // 2 × 42.50 + default 35; 90 min × 55/h; call-out 65
    expect((opened.data as any).coverage).toEqual({
      status: 'billable',
      reason: expect.stringContaining('out of warranty'),
      estimate: { currency: 'GBP', parts: 120, labour: 82.5, callOut: 65, total: 267.5 },
    });
    expect(opened.data).toMatchObject({ priority: 'normal' });
    const excluded = diagnosisCompleted({
      faults: [{ component: 'door', description: 'cracked', excludedCause: 'external-damage' }],
      parts: [],
    });
    await probe.publish(topics.diagnostics(), excluded);
    const ticket = await waitForTicket(svc, ticketIdOf(excluded.data.caseId));
    expect(ticket.coverage).toMatchObject({
      status: 'billable',
      reason: 'cause excluded from warranty: external-damage (door)',
      estimate: { total: 147.5 },
    });
  });

  it('sends a declined ticket back to dispatch and lets the next technician finish it', async () => {
    const diagnosis = diagnosisCompleted();
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await waitForTicket(svc, ticketId);
    await assign(probe, svc, ticketId, 'TECH-A');

    expect((await post(ticketId, 'decline', 'TECH-A', {})).body).toMatchObject({
      status: 400,
      errors: [{ field: 'reason' }],
    });
    const declined = await post(ticketId, 'decline', 'TECH-A', { reason: 'van broke down' });
    expect(declined.body).toMatchObject({ status: 'awaiting-assignment', declinedBy: ['TECH-A'] });
    expect(declined.body.technicianId).toBeUndefined();
    const [event] = await probe.waitForEvents('repair.declined.v1', 1, 30_000, forTicket(ticketId));
    expect(event.data).toMatchObject({ technicianId: 'TECH-A', reason: 'van broke down' });
    expect((await post(ticketId, 'accept', 'TECH-A')).status).toBe(403);

    // dispatch releases the decliner's booking (nothing left to clear) and books another technician
    await probe.publish(topics.dispatch(), workOrderReleased(ticketId, 'TECH-A', 'declined'));
    await assign(probe, svc, ticketId, 'TECH-B', { previousTechnicianId: 'TECH-A' });
    expect((await post(ticketId, 'accept', 'TECH-B')).body.status).toBe('accepted');

    // a dispatcher override moves it on again: TECH-B loses it, TECH-C gets it
    await probe.publish(topics.dispatch(), workOrderReleased(ticketId, 'TECH-B', 'reassigned'));
    await waitForTicket(svc, ticketId, (t) => t.status === 'awaiting-assignment', 'released');
    await assign(probe, svc, ticketId, 'TECH-C', { previousTechnicianId: 'TECH-B' });
    expect((await post(ticketId, 'en-route', 'TECH-B', { eta: new Date().toISOString() })).status).toBe(403);

    expect((await post(ticketId, 'accept', 'TECH-C')).status).toBe(200);
    expect(
      (await post(ticketId, 'en-route', 'TECH-C', { eta: new Date(Date.now() + 600e3).toISOString() })).status,
    ).toBe(200);
    expect((await post(ticketId, 'start', 'TECH-C')).status).toBe(200);
    const done = await post(ticketId, 'complete', 'TECH-C', {
      workDone: 'fixed',
      partsUsed: [],
      labourMinutes: 25,
      signedOffBy: 'Ada',
    });
    expect(done.body).toMatchObject({ status: 'completed', technicianId: 'TECH-C', firstTimeFix: true });
    const [completed] = await probe.waitForEvents('repair.completed.v1', 1, 30_000, forTicket(ticketId));
    expect(completed.data).toMatchObject({ technicianId: 'TECH-C' });

    const list = await http('GET', `${svc.url}/api/v1/tickets?status=completed`, { token: await tech('TECH-C') });
    expect(list.body.items.map((t: any) => t.ticketId)).toEqual([ticketId]);
    expect(
      (await http('GET', `${svc.url}/api/v1/tickets?technicianId=TECH-A`, { token: await tech('TECH-C') })).status,
    ).toBe(403);
  });

  it('waits for parts with the SLA clock paused, then completes on a revisit as no first-time fix', async () => {
    const diagnosis = diagnosisCompleted();
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await waitForTicket(svc, ticketId);
    await assign(probe, svc, ticketId, 'TECH-P');
    await post(ticketId, 'accept', 'TECH-P');
    await post(ticketId, 'en-route', 'TECH-P', { eta: new Date(Date.now() + 600e3).toISOString() });
    await post(ticketId, 'start', 'TECH-P');
    const before = await waitForTicket(svc, ticketId);

    const parts = [{ sku: 'CONTROL-BOARD-01', name: 'Control board', quantity: 1 }];
    const expectedAt = new Date(Date.now() + 2 * 86400e3).toISOString();
    const waiting = await post(ticketId, 'awaiting-parts', 'TECH-P', { parts, expectedAt });
    expect(waiting.body).toMatchObject({
      status: 'awaiting-parts',
      sla: { paused: true },
      awaitingParts: { parts, expectedAt },
    });
    const [event] = await probe.waitForEvents('repair.awaiting-parts.v1', 1, 30_000, forTicket(ticketId));
    expect(event.data).toMatchObject({ technicianId: 'TECH-P', parts, expectedAt, slaPaused: true });

    const back = await post(ticketId, 'en-route', 'TECH-P', { eta: new Date(Date.now() + 600e3).toISOString() });
    expect(back.body.sla.paused).toBe(false);
    const pausedAt = Date.parse(back.body.history.find((h: any) => h.action === 'awaiting-parts').at);
    const resumedAt = Date.parse(back.body.history.at(-1).at);
    expect(Date.parse(back.body.sla.dueAt)).toBe(Date.parse(before.sla.dueAt) + (resumedAt - pausedAt));

    await post(ticketId, 'start', 'TECH-P');
    const done = await post(ticketId, 'complete', 'TECH-P', {
      workDone: 'board replaced',
      partsUsed: parts,
      labourMinutes: 70,
      signedOffBy: 'Ada',
    });
    expect(done.body).toMatchObject({ status: 'completed', firstTimeFix: false, visits: 2 });
    const [completed] = await probe.waitForEvents('repair.completed.v1', 1, 30_000, forTicket(ticketId));
    expect(completed.data).toMatchObject({ firstTimeFix: false, partsUsed: parts });
  });

  it('opens one ticket for a case however often its diagnosis arrives', async () => {
    const applianceId = uid('A-DUP');
    const diagnosis = diagnosisCompleted({ applianceId });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await probe.publish(topics.diagnostics(), diagnosis);
    // the same case re-announced under a new event id
    await probe.publish(topics.diagnostics(), diagnosisCompleted({ applianceId, caseId: diagnosis.data.caseId }));
    await probe.publish(topics.diagnostics(), diagnosisCompleted({ applianceId, outcome: 'resolved' }));
    // same key, same partition: once this later case has its ticket, every earlier delivery was handled
    const sentinel = diagnosisCompleted({ applianceId });
    await probe.publish(topics.diagnostics(), sentinel);
    await probe.waitForEvents('repair.ticket-opened.v1', 1, 30_000, forTicket(ticketIdOf(sentinel.data.caseId)));

    expect(eventsFor(probe, ticketId, 'repair.ticket-opened.v1')).toHaveLength(1);
    const list = await http('GET', `${svc.url}/api/v1/tickets?applianceId=${applianceId}`, {
      token: await dispatcherToken(),
    });
    expect(list.body.items.map((t: any) => t.caseId).sort()).toEqual(
      [diagnosis.data.caseId, sentinel.data.caseId].sort(),
    );
  });

  it('cancels for the owning customer or a dispatcher, and dead-letters an assignment for an unknown ticket', async () => {
    const diagnosis = diagnosisCompleted();
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await waitForTicket(svc, ticketId);
    await assign(probe, svc, ticketId, 'TECH-Q');
    const reason = { reason: 'no longer needed' };
    expect(
      (
        await http('POST', `${svc.url}/api/v1/tickets/${ticketId}/cancel`, {
          token: await tokenFor('customer', { customerId: 'C-2' }),
          body: reason,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await http('POST', `${svc.url}/api/v1/tickets/${ticketId}/cancel`, {
          token: await tech('TECH-Q'),
          body: reason,
        })
      ).status,
    ).toBe(403);
    const cancelled = await http('POST', `${svc.url}/api/v1/tickets/${ticketId}/cancel`, {
      token: await tokenFor('customer', { customerId: 'C-1' }),
      body: reason,
    });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'no longer needed', cancelledBy: 'customer' },
    });
    const [event] = await probe.waitForEvents('repair.cancelled.v1', 1, 30_000, forTicket(ticketId));
    expect(event.data).toMatchObject({ cancelledBy: 'customer', technicianId: 'TECH-Q' });
    expect(
      (
        await http('POST', `${svc.url}/api/v1/tickets/${ticketId}/cancel`, {
          token: await dispatcherToken(),
          body: reason,
        })
      ).body,
    ).toMatchObject({ status: 409, currentState: 'cancelled' });

    await probe.publish(topics.dispatch(), workOrderAssigned('RT-NO-SUCH-CASE', 'TECH-Q'));
    const dead = await waitFor(
      () => probe.on(dlqTopic(topics.dispatch())).find((m) => m.headers['x-error-code'] === 'not-found'),
      { what: 'dead letter' },
    );
    expect(dead.headers['x-error-message']).toContain('RT-NO-SUCH-CASE');
  });

  it('reports first-time-fix rate, mean time to repair and SLA compliance over a period', async () => {
    const token = await dispatcherToken();
    const stats = await http('GET', `${svc.url}/api/v1/stats?from=${new Date(Date.now() - 3600e3).toISOString()}`, {
      token,
    });
    // completed above: covered (first-time fix), declined-then-reassigned (first-time fix), awaiting parts (not)
    expect(stats.body).toMatchObject({ completed: 3, firstTimeFixRate: 0.6667, slaCompliance: 1 });
    expect(stats.body.meanTimeToRepairMinutes).toBeGreaterThanOrEqual(0);
    const empty = await http('GET', `${svc.url}/api/v1/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`, {
      token,
    });
    expect(empty.body).toMatchObject({ completed: 0, firstTimeFixRate: null });
    expect(
      (await http('GET', `${svc.url}/api/v1/stats?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z`, { token }))
        .status,
    ).toBe(400);
    expect((await http('GET', `${svc.url}/api/v1/stats`, { token: await tech('TECH-1') })).status).toBe(403);
  });

  it('gave every event it produced a correlationid and a causationid (SPEC §4)', () => {
    // the test stands in for diagnostics and dispatch: only repairs' own events count
    expect(Object.keys(probe.producedTypes('/appliance-care/repairs'))).toEqual(
      expect.arrayContaining([
        'repair.ticket-opened.v1',
        'repair.accepted.v1',
        'repair.declined.v1',
        'repair.en-route.v1',
        'repair.started.v1',
        'repair.awaiting-parts.v1',
        'repair.completed.v1',
        'repair.cancelled.v1',
      ]),
    );
    expect(probe.withoutCorrelationOrCause('/appliance-care/repairs')).toEqual([]);
  });
});
