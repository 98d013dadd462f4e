import { DeviceFaultReported, dlqTopic, Topics } from '@appliance-care/contracts';
import { ProblemIntake } from '@appliance-care/diagnostics';
import { physicalTopic } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { deviceFault, seedAppliance, workOrderAssigned } from './diagnostics.fixtures';

describe('diagnostics through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;

  beforeAll(async () => {
    env = isolateTestEnv('diagnostics');
    svc = await startTestService('diagnostics', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.diagnostics), dlqTopic(physicalTopic(Topics.deviceFaults))]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const ofCase = (caseId: string) => (e: { data: unknown }) => (e.data as { caseId: string }).caseId === caseId;

  it('resolves a customer report by remote guidance', async () => {
    const a = await seedAppliance(probe, svc, 'washing-machine');
    const customer = await tokenFor('customer', { customerId: a.customerId });
    const url = `${svc.url}/api/v1/appliances/${a.applianceId}/problems`;

    const invalid = await http('POST', url, { token: customer, body: { errorCode: 'E21' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('symptoms');
    const stranger = await http('POST', url, {
      token: await tokenFor('customer', { customerId: 'C-other' }),
      body: { symptoms: 'not draining' },
    });
    expect(stranger.status).toBe(404);

    const body = {
      symptoms: 'Water left in drum after every wash',
      errorCode: 'E21',
      startedAt: new Date(Date.now() - 86_400_000).toISOString(),
    };
    const created = await http('POST', url, {
      token: customer,
      body,
      headers: { 'idempotency-key': `k-${a.applianceId}` },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'guidance-sent',
      source: 'customer',
      warranty: { status: 'in-warranty' },
    });
    expect(created.body.triage.candidates[0]).toMatchObject({
      faultId: 'wm-drain-filter-blocked',
      fault: { code: 'E21', component: 'drain pump filter' },
    });
    expect(created.body.triage.candidates[0].reason).toContain('error code E21');
    const caseId = created.body.caseId;
    const replay = await http('POST', url, {
      token: customer,
      body,
      headers: { 'idempotency-key': `k-${a.applianceId}` },
    });
    expect(replay.body.caseId).toBe(caseId);
    const reused = await http('POST', url, {
      token: customer,
      body: { symptoms: 'something else' },
      headers: { 'idempotency-key': `k-${a.applianceId}` },
    });
    expect(reused.status).toBe(422);

    const [reported] = await probe.waitForEvents('problem.reported.v1', 1, 30_000, ofCase(caseId));
    expect(reported.data).toMatchObject({
      applianceId: a.applianceId,
      customerId: a.customerId,
      serialNumber: a.serialNumber,
      source: 'customer',
      errorCode: 'E21',
      warranty: { status: 'in-warranty' },
    });
    expect(reported.subject).toBe(a.applianceId);
    // caused by the REST call: its causation is the request's id (SPEC §4)
    expect(reported).toMatchObject({
      causationid: created.headers.get('x-request-id'),
      correlationid: created.headers.get('x-correlation-id'),
    });
    const [guidance] = await probe.waitForEvents('diagnosis.guidance-sent.v1', 1, 30_000, ofCase(caseId));
    expect(guidance.data).toMatchObject({
      fault: { component: 'drain pump filter' },
      knowledgeBaseVersion: expect.stringContaining('washing-machine@'),
    });
    expect((guidance.data as { steps: string[] }).steps.length).toBeGreaterThanOrEqual(3);

    const fixed = await http('POST', `${svc.url}/api/v1/cases/${caseId}/guidance-outcome`, {
      token: customer,
      body: { fixed: true },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ state: 'completed', outcome: 'resolved' });
    const [completed] = await probe.waitForEvents('diagnosis.completed.v1', 1, 30_000, ofCase(caseId));
    expect(completed.data).toMatchObject({
      outcome: 'resolved',
      category: 'washing-machine',
      parts: [],
      warranty: { status: 'in-warranty' },
    });
    expect(completed.causationid).toBe(fixed.headers.get('x-request-id'));
    expect(completed.correlationid).toBe(fixed.headers.get('x-correlation-id'));

    const late = await http('POST', `${svc.url}/api/v1/cases/${caseId}/guidance-outcome`, {
      token: customer,
      body: { fixed: false },
    });
    expect(late.status).toBe(409);
    expect(late.body.currentState).toBe('completed');
    const view = await http('GET', `${svc.url}/api/v1/cases/${caseId}`, { token: customer });
    expect(view.body.history.map((h: { action: string }) => h.action)).toEqual(['reported', 'guidance-fixed']);
    expect(
      (
        await http('GET', `${svc.url}/api/v1/cases/${caseId}`, {
          token: await tokenFor('customer', { customerId: 'C-other' }),
        })
      ).status,
    ).toBe(404);
    const mine = await http('GET', `${svc.url}/api/v1/cases`, { token: customer });
    expect(mine.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect((await http('GET', `${svc.url}/api/v1/cases?customerId=C-other`, { token: customer })).status).toBe(403);
  });

  it('turns guidance that did not help into a visit in the customer region', async () => {
    const a = await seedAppliance(probe, svc, 'combi-boiler', { region: 'manchester' });
    const customer = await tokenFor('customer', { customerId: a.customerId });
    const created = await http('POST', `${svc.url}/api/v1/appliances/${a.applianceId}/problems`, {
      token: customer,
      body: { symptoms: 'pressure dropped', errorCode: 'F22' },
    });
    expect(created.body).toMatchObject({ state: 'guidance-sent' });
    const notFixed = await http('POST', `${svc.url}/api/v1/cases/${created.body.caseId}/guidance-outcome`, {
      token: customer,
      body: { fixed: false },
    });
    expect(notFixed.body.state).toBe('visit-requested');
    const [visit] = await probe.waitForEvents('diagnosis.visit-requested.v1', 1, 30_000, ofCase(created.body.caseId));
    expect(visit.data).toMatchObject({
      region: 'manchester',
      requiredSkill: 'gas-safe',
      priority: 'normal',
      severity: 'low',
      address: { city: 'London' },
    });
    expect(visit.causationid).toBe(notFixed.headers.get('x-request-id'));
  });

  it('makes one case of a telemetry fault storm (50 repeats)', async () => {
    const a = await seedAppliance(probe, svc, 'dishwasher');
    const topic = physicalTopic(Topics.deviceFaults);
    await Promise.all(Array.from({ length: 50 }, () => probe.publish(topic, deviceFault(a.serialNumber, 'E24'))));

    const cases = await waitFor(
      async () => {
        const res = await http('GET', `${svc.url}/api/v1/cases?applianceId=${a.applianceId}`, { token: dispatcher });
        return res.body.items.length === 1 && res.body.items[0].occurrences === 50 ? res.body.items : undefined;
      },
      { what: 'one case with 50 occurrences', timeoutMs: 60_000 },
    );
    expect(cases[0]).toMatchObject({
      source: 'device',
      errorCode: 'E24',
      state: 'guidance-sent',
      serialNumber: a.serialNumber,
    });
    const byAppliance = (e: { data: unknown }) => (e.data as { applianceId: string }).applianceId === a.applianceId;
    await probe.waitForEvents('diagnosis.guidance-sent.v1', 1, 30_000, byAppliance);
    expect(probe.events('problem.reported.v1').filter(byAppliance)).toHaveLength(1);
    expect(probe.events('diagnosis.guidance-sent.v1').filter(byAppliance)).toHaveLength(1);
  });

  it('keeps one open case when handlers race on the same fault (as two consumer instances would)', async () => {
    const a = await seedAppliance(probe, svc, 'washing-machine');
    const intake = svc.app.get(ProblemIntake);
    const faults = Array.from({ length: 20 }, () => deviceFault(a.serialNumber, 'E18'));
    // in the context a consumer gives its handler: the fault being handled is the cause
    const handle = async (f: (typeof faults)[number]) => {
      const result = await Correlation.run({ correlationId: f.correlationid, causationId: f.id }, () =>
        intake.reportByDevice(f.id, f.data as DeviceFaultReported),
      );
      if (!result) throw new Error(`serial ${a.serialNumber} is registered: the fault has a case`);
      return result;
    };
    const outcomes = await Promise.all(faults.map(handle));
    expect(new Set(outcomes.map((o) => o.caseId)).size).toBe(1);
    expect(outcomes.filter((o) => o.outcome === 'opened')).toHaveLength(1);
    // a redelivered fault is recognised, not counted again
    expect(await handle(faults[3])).toEqual({ outcome: 'duplicate', caseId: outcomes[0].caseId });
    const view = await http('GET', `${svc.url}/api/v1/cases/${outcomes[0].caseId}`, { token: dispatcher });
    expect(view.body).toMatchObject({ occurrences: 20, state: 'guidance-sent' });
    expect(view.body.triage.candidates[0].faultId).toBe('wm-water-supply');
  });

  it('sends a critical gas report straight to an urgent visit, without guidance', async () => {
    const a = await seedAppliance(probe, svc, 'gas-hob', { warrantyValid: false, region: 'bristol' });
    const customer = await tokenFor('customer', { customerId: a.customerId });
    const before = Date.now();
    const created = await http('POST', `${svc.url}/api/v1/appliances/${a.applianceId}/problems`, {
      token: customer,
      body: { symptoms: "The burner won't light and I can smell gas in the kitchen" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'visit-requested',
      triage: { severity: 'critical', route: 'visit', requiredSkill: 'gas-safe' },
    });
    const caseId = created.body.caseId;

    const [visit] = await probe.waitForEvents('diagnosis.visit-requested.v1', 1, 30_000, ofCase(caseId));
    expect(visit.data).toMatchObject({
      priority: 'urgent',
      severity: 'critical',
      requiredSkill: 'gas-safe',
      region: 'bristol',
      category: 'gas-hob',
      address: { postalCode: 'SW1Y 4JH' },
    });
    expect((visit.data as { suspectedFaults: { component: string }[] }).suspectedFaults[0].component).toBe(
      'gas supply / burner valve',
    );
    const dueBy = Date.parse((visit.data as { dueBy: string }).dueBy);
    expect(dueBy).toBeGreaterThan(before);
    expect(dueBy).toBeLessThanOrEqual(Date.now() + 4 * 3_600_000);
    const [reported] = await probe.waitForEvents('problem.reported.v1', 1, 30_000, ofCase(caseId));
    expect(reported.data).toMatchObject({ severity: 'critical', warranty: { status: 'out-of-warranty' } });
    // both events left in one write, problem first: the visit arriving means no guidance was sent with it
    expect(probe.events('diagnosis.guidance-sent.v1').filter(ofCase(caseId))).toEqual([]);
  });

  it('ends a visit in repair-required with the skill and parts of the confirmed fault', async () => {
    const a = await seedAppliance(probe, svc, 'fridge-freezer', { region: 'leeds' });
    const customer = await tokenFor('customer', { customerId: a.customerId });
    const created = await http('POST', `${svc.url}/api/v1/appliances/${a.applianceId}/problems`, {
      token: customer,
      body: { symptoms: 'Freezer cold fridge warm, not cooling since yesterday' },
    });
    expect(created.body.state).toBe('visit-requested');
    const caseId = created.body.caseId;
    await probe.waitForEvents('diagnosis.visit-requested.v1', 1, 30_000, ofCase(caseId));

    const technician = await tokenFor('technician', { technicianId: 'T-FRIDGE-1' });
    const early = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: technician,
      body: { tests: [{ name: 't', passed: true }], outcome: 'resolved' },
    });
    // not assigned to them (yet): a case they cannot see
    expect(early.status).toBe(404);

    await probe.publish(
      physicalTopic(Topics.dispatch),
      workOrderAssigned(caseId, a.applianceId, a.customerId, 'T-FRIDGE-1'),
    );
    await waitFor(
      async () =>
        (await http('GET', `${svc.url}/api/v1/cases/${caseId}`, { token: technician })).body.state ===
        'visit-scheduled',
      { what: 'visit scheduled' },
    );
    const assigned = await http('GET', `${svc.url}/api/v1/cases?technicianId=T-FRIDGE-1`, { token: technician });
    expect(assigned.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect((await http('GET', `${svc.url}/api/v1/cases?technicianId=T-OTHER`, { token: technician })).status).toBe(403);

    const results = {
      tests: [
        { name: 'compressor start', passed: false, measurements: { 'current A': 0, clicking: true } },
        { name: 'evaporator fan', passed: true },
      ],
      outcome: 'repair-required',
      confirmedFault: { faultId: 'rf-compressor-failed' },
    };
    const other = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: await tokenFor('technician', { technicianId: 'T-OTHER' }),
      body: results,
    });
    expect(other.status).toBe(404);
    const badMeasure = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: technician,
      body: { ...results, tests: [{ name: 'x', passed: true, measurements: { 'a.b': 1 } }] },
    });
    expect(badMeasure.status).toBe(400);
    const recorded = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: technician,
      body: results,
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ state: 'completed', outcome: 'repair-required', technicianId: 'T-FRIDGE-1' });

    const [completed] = await probe.waitForEvents('diagnosis.completed.v1', 1, 30_000, ofCase(caseId));
    expect(completed.data).toMatchObject({
      outcome: 'repair-required',
      technicianId: 'T-FRIDGE-1',
      category: 'fridge-freezer',
      region: 'leeds',
      requiredSkill: 'refrigeration',
      severity: 'high',
      warranty: { status: 'in-warranty' },
      durationMinutes: 180,
      faults: [{ component: 'compressor', description: expect.stringContaining('Compressor') }],
      parts: [
        { sku: 'RF-CMP-R600A', name: 'Compressor R600a', quantity: 1 },
        { sku: 'RF-PTC-RELAY', name: 'PTC start relay', quantity: 1 },
        { sku: 'RF-DRIER', name: 'Filter drier', quantity: 1 },
      ],
      address: { city: 'London' },
    });
    expect(completed.causationid).toBe(recorded.headers.get('x-request-id'));
    const again = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: technician,
      body: { ...results, outcome: 'no-fault-found' },
    });
    expect(again.status).toBe(409);
    expect(again.body.currentState).toBe('completed');
    const view = await http('GET', `${svc.url}/api/v1/cases/${caseId}`, { token: customer });
    expect(view.body.history.map((h: { action: string }) => h.action)).toEqual([
      'reported',
      'visit-scheduled',
      'results-recorded',
    ]);
  });

  it('dead-letters at once a fault from an unknown serial older than the hold, with the reason', async () => {
    // 31 minutes old: past the default DEVICE_FAULT_HOLD_MINUTES (30), so it is not held again
    const fault = deviceFault('SN-NOBODY-404', 'E21', new Date(Date.now() - 31 * 60_000));
    await probe.publish(physicalTopic(Topics.deviceFaults), fault);
    const dead = await waitFor(
      () => probe.on(dlqTopic(physicalTopic(Topics.deviceFaults))).find((m) => m.headers['ce_id'] === fault.id),
      { what: 'the fault on the DLQ' },
    );
    expect(dead.headers).toMatchObject({
      'x-error-code': 'unknown-serial',
      'x-original-topic': physicalTopic(Topics.deviceFaults),
      'x-consumer-group': `${env.topicPrefix}appliance-care.diagnostics`,
    });
    expect(dead.headers['x-error-message']).toContain('SN-NOBODY-404');
    expect(dead.headers['x-error-message']).toContain('held 30 min');
  });

  it('gave every event it produced a correlationid and a causationid (SPEC §4)', () => {
    expect(Object.keys(probe.producedTypes('/appliance-care/diagnostics'))).toEqual(
      expect.arrayContaining([
        'problem.reported.v1',
        'diagnosis.guidance-sent.v1',
        'diagnosis.visit-requested.v1',
        'diagnosis.completed.v1',
      ]),
    );
    expect(probe.withoutCorrelationOrCause('/appliance-care/diagnostics')).toEqual([]);
  });
});
