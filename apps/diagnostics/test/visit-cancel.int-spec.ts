import {
  createEvent,
  dlqTopic,
  EventEnvelope,
  Topics,
  WorkOrderAssigned,
  WorkOrderCancelled,
} from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { deviceFault, seedAppliance, SeededAppliance, workOrderAssigned } from './diagnostics.fixtures';

describe('diagnostics: a diagnostic visit cancelled in dispatch, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  let dispatch: string;

  beforeAll(async () => {
    env = isolateTestEnv('diagnostics-cancel');
    svc = await startTestService('diagnostics', (config) => AppModule.register(config), env);
    dispatch = physicalTopic(Topics.dispatch);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.diagnostics), dlqTopic(dispatch)]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const ofCase = (caseId: string) => (e: { data: unknown }) => (e.data as { caseId: string }).caseId === caseId;
  const caseOf = async (caseId: string) =>
    (await http('GET', `${svc.url}/api/v1/cases/${caseId}`, { token: dispatcher })).body;

  /** A gas smell: a case straight to a visit, booked by (the test standing in for) dispatch. */
  async function bookedVisit(): Promise<{
    a: SeededAppliance;
    caseId: string;
    booking: EventEnvelope<WorkOrderAssigned>;
  }> {
    const a = await seedAppliance(probe, svc, 'gas-hob');
    const created = await http('POST', `${svc.url}/api/v1/appliances/${a.applianceId}/problems`, {
      token: await tokenFor('customer', { customerId: a.customerId }),
      body: { symptoms: 'I can smell gas near the hob' },
    });
    expect(created.body.state).toBe('visit-requested');
    const caseId: string = created.body.caseId;
    const booking = workOrderAssigned(
      caseId,
      a.applianceId,
      a.customerId,
      'T-GAS-9',
    ) as EventEnvelope<WorkOrderAssigned>;
    await probe.publish(dispatch, booking);
    await waitFor(async () => (await caseOf(caseId)).state === 'visit-scheduled', { what: 'visit scheduled' });
    return { a, caseId, booking };
  }

  const cancellation = (booking: WorkOrderAssigned, over: Partial<WorkOrderCancelled> = {}) =>
    createEvent({
      type: 'work-order.cancelled.v1',
      source: '/test/dispatch',
      subject: booking.applianceId,
      data: {
        workOrderId: booking.workOrderId,
        kind: 'diagnostic-visit',
        sourceId: booking.sourceId,
        applianceId: booking.applianceId,
        customerId: booking.customerId,
        technicianId: booking.technicianId,
        window: booking.window,
        cancelledBy: 'customer',
        via: 'api',
        reason: 'the smell has gone, the gas board came',
        cancelledAt: new Date().toISOString(),
        ...over,
      },
    });

  /** Everything published on the dispatch partition of `a` before is consumed once another case's booking under its key shows. */
  async function consumedUpTo(a: SeededAppliance): Promise<void> {
    const other = await seedAppliance(probe, svc, 'gas-hob');
    const created = await http('POST', `${svc.url}/api/v1/appliances/${other.applianceId}/problems`, {
      token: await tokenFor('customer', { customerId: other.customerId }),
      body: { symptoms: 'I can smell gas near the hob' },
    });
    const barrier = workOrderAssigned(created.body.caseId, other.applianceId, other.customerId, 'T-GAS-8');
    await probe.publish(dispatch, barrier, 'binary', a.applianceId);
    await waitFor(async () => (await caseOf(created.body.caseId)).state === 'visit-scheduled', {
      timeoutMs: 60_000,
      what: 'the barrier booking',
    });
  }

  it('closes the case as visit-cancelled once, with diagnosis.visit-cancelled.v1 in the same write; other kinds are ignored', async () => {
    const { a, caseId, booking } = await bookedVisit();
    await probe.publish(dispatch, cancellation(booking.data, { kind: 'installation' }));
    const cancel = cancellation(booking.data);
    await probe.publish(dispatch, cancel);
    await probe.publish(dispatch, cancel); // redelivered
    await probe.publish(dispatch, cancellation(booking.data)); // said again (another event id)
    const [event] = await probe.waitForEvents('diagnosis.visit-cancelled.v1', 1, 60_000, ofCase(caseId));
    expect(event.data).toEqual({
      caseId,
      applianceId: a.applianceId,
      customerId: a.customerId,
      workOrderId: booking.data.workOrderId,
      technicianId: 'T-GAS-9',
      cancelledBy: 'customer',
      reason: 'the smell has gone, the gas board came',
      cancelledAt: cancel.data.cancelledAt,
    });
    expect(event.causationid).toBe(cancel.id);
    const closed = await caseOf(caseId);
    expect(closed.state).toBe('visit-cancelled');
    expect(closed.history.at(-1)).toMatchObject({ action: 'visit-cancelled', actor: 'customer' });
    // a closed case records no results
    const results = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: await tokenFor('technician', { technicianId: 'T-GAS-9' }),
      body: { tests: [{ name: 'leak test', passed: true }], outcome: 'no-fault-found' },
    });
    expect(results.status).toBe(409);
    await consumedUpTo(a);
    expect(probe.events('diagnosis.visit-cancelled.v1').filter(ofCase(caseId))).toHaveLength(1);
    expect(probe.on(dlqTopic(dispatch))).toEqual([]);
  });

  it('leaves a case whose visit was done alone (dispatch cancels only unstarted orders)', async () => {
    const { a, caseId, booking } = await bookedVisit();
    const recorded = await http('POST', `${svc.url}/api/v1/cases/${caseId}/results`, {
      token: await tokenFor('technician', { technicianId: 'T-GAS-9' }),
      body: { tests: [{ name: 'leak test', passed: true }], outcome: 'no-fault-found' },
    });
    expect(recorded.status).toBe(200);
    await probe.publish(dispatch, cancellation(booking.data));
    await consumedUpTo(a);
    expect((await caseOf(caseId)).state).toBe('completed');
    expect(probe.events('diagnosis.visit-cancelled.v1').filter(ofCase(caseId))).toEqual([]);
    expect(probe.on(dlqTopic(dispatch))).toEqual([]);
  });
  it('opens a new case for the next device fault once the visit of the fault case was cancelled', async () => {
    const a = await seedAppliance(probe, svc, 'boiler');
    const faults = physicalTopic(Topics.deviceFaults);
    const list = async () =>
      (await http('GET', `${svc.url}/api/v1/cases?applianceId=${a.applianceId}`, { token: dispatcher })).body.items;
    await probe.publish(faults, deviceFault(a.serialNumber, 'GAS'));
    const [first] = await waitFor(async () => ((await list()).length === 1 ? list() : undefined), {
      timeoutMs: 60_000,
      what: 'the fault case',
    });
    expect(first.state).toBe('visit-requested');
    // not booked yet: the cancellation names the pending order
    const pending = {
      workOrderId: `WO-diagnostic-visit-${first.caseId}-1`,
      kind: 'diagnostic-visit' as const,
      sourceId: first.caseId,
      applianceId: a.applianceId,
      customerId: a.customerId,
      technicianId: 'T-none',
      technicianName: 'nobody',
      window: { from: new Date().toISOString(), to: new Date(Date.now() + 3600_000).toISOString() },
      reason: 'pending',
    };
    await probe.publish(
      dispatch,
      cancellation(pending, { technicianId: undefined, window: undefined, cancelledBy: 'dispatcher' }),
    );
    const [event] = await probe.waitForEvents('diagnosis.visit-cancelled.v1', 1, 60_000, ofCase(first.caseId));
    expect(event.data).toMatchObject({ cancelledBy: 'dispatcher', workOrderId: pending.workOrderId });
    expect((event.data as { technicianId?: string }).technicianId).toBeUndefined();

    await probe.publish(faults, deviceFault(a.serialNumber, 'GAS'));
    const cases = await waitFor(async () => ((await list()).length === 2 ? list() : undefined), {
      timeoutMs: 60_000,
      what: 'a second case for the repeated fault',
    });
    const closed = cases.find((c: { caseId: string }) => c.caseId === first.caseId);
    expect(closed).toMatchObject({ state: 'visit-cancelled', occurrences: 1 });
    expect(cases.find((c: { caseId: string }) => c.caseId !== first.caseId).state).toBe('visit-requested');
  });
});
