import { createEvent, EventEnvelope, Topics, WorkOrderCancelled } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { applianceIdFor, installationIdFor } from '@appliance-care/sales-installation';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { purchase, purchaseEvent } from './sales-fixtures';

describe('sales-installation: an installation appointment cancelled in dispatch, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let events: string;
  let dispatch: string;
  let dispatcher: string;
  const window = { from: '2026-02-03T08:00:00Z', to: '2026-02-03T10:00:00Z' };

  beforeAll(async () => {
    env = isolateTestEnv('sales-cancel');
    events = physicalTopic(Topics.salesInstallation);
    dispatch = physicalTopic(Topics.dispatch);
    svc = await startTestService('sales-installation', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([events, `${dispatch}.dlq`]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const of = (installationId: string, type: string) =>
    probe.events(type).filter((e) => (e.data as { installationId?: string }).installationId === installationId);
  const waitForEvent = (installationId: string, type: string): Promise<EventEnvelope[]> =>
    waitFor(() => (of(installationId, type).length ? of(installationId, type) : undefined), {
      timeoutMs: 60_000,
      what: `${type} for ${installationId}`,
    });
  const job = async (id: string) =>
    (await http('GET', `${svc.url}/api/v1/installations/${id}`, { token: dispatcher })).body;

  async function requested(tag: string) {
    const order = purchase(tag);
    await probe.publish(physicalTopic(Topics.purchases), purchaseEvent(order));
    const installationId = installationIdFor(applianceIdFor(order.items[1].serialNumber));
    const [request] = await waitForEvent(installationId, 'installation.requested.v1');
    const { applianceId, customerId } = request.data as { applianceId: string; customerId: string };
    return { installationId, applianceId, customerId };
  }

  /**
   * Proves that what was published on the dispatch partition of `key` before it has been consumed:
   * another job's unassignable notice sent under that key shows on that job once handled.
   */
  async function consumedUpTo(key: string, tag: string): Promise<void> {
    const other = await requested(tag);
    const notice = createEvent({
      type: 'work-order.unassignable.v1',
      source: '/test/dispatch',
      subject: other.applianceId,
      data: {
        workOrderId: `WO-installation-${other.installationId}-1`,
        kind: 'installation',
        sourceId: other.installationId,
        applianceId: other.applianceId,
        reason: `barrier ${tag}`,
      },
    });
    await probe.publish(dispatch, notice, 'binary', key);
    await waitFor(async () => (await job(other.installationId)).status === 'awaiting-technician', {
      timeoutMs: 60_000,
      what: `the barrier after ${key}`,
    });
  }

  /** A purchase whose gas hob is booked with T-1 (as dispatch would book it). */
  async function booked(tag: string) {
    const { installationId, applianceId, customerId } = await requested(tag);
    const ref = { kind: 'installation' as const, sourceId: installationId, applianceId, customerId };
    const workOrderId = `WO-installation-${installationId}-1`;
    await probe.publish(
      dispatch,
      createEvent({
        type: 'work-order.assigned.v1',
        source: '/test/dispatch',
        subject: applianceId,
        data: { ...ref, workOrderId, technicianId: 'T-1', technicianName: 'Tess', window, reason: 'best match' },
      }),
    );
    await waitForEvent(installationId, 'installation.scheduled.v1');
    const cancelled = (over: Partial<WorkOrderCancelled> = {}) =>
      createEvent({
        type: 'work-order.cancelled.v1',
        source: '/test/dispatch',
        subject: applianceId,
        data: {
          ...ref,
          workOrderId,
          technicianId: 'T-1',
          window,
          cancelledBy: 'customer',
          via: 'link',
          reason: 'moving house',
          cancelledAt: '2026-02-01T12:00:00Z',
          ...over,
        },
      });
    return { installationId, applianceId, cancelled };
  }

  it('cancels the job once, publishing installation.cancelled.v1 in the same write; other kinds are not its business', async () => {
    const { installationId, applianceId, cancelled } = await booked('cancel');
    // a diagnostic visit's cancellation naming the same id is diagnostics' business: ignored
    await probe.publish(dispatch, cancelled({ kind: 'diagnostic-visit' }));
    const first = cancelled();
    await probe.publish(dispatch, first);
    await probe.publish(dispatch, first); // redelivered
    await probe.publish(dispatch, cancelled()); // said twice (another event id)
    const [event] = await waitForEvent(installationId, 'installation.cancelled.v1');
    expect(event.data).toEqual({
      installationId,
      applianceId: expect.any(String),
      customerId: expect.any(String),
      workOrderId: `WO-installation-${installationId}-1`,
      technicianId: 'T-1',
      cancelledBy: 'customer',
      reason: 'moving house',
      cancelledAt: '2026-02-01T12:00:00Z',
    });
    expect(event.causationid).toBe(first.id);
    const view = await waitFor(async () => {
      const body = await job(installationId);
      return body.status === 'cancelled' ? body : undefined;
    });
    expect(view.technicianId).toBeUndefined();
    expect(view.visits).toEqual([
      expect.objectContaining({ outcome: 'cancelled', by: 'customer', reason: 'moving house', technicianId: 'T-1' }),
    ]);
    // the cancelled job takes no more steps
    const start = await http('POST', `${svc.url}/api/v1/installations/${installationId}/start`, { token: dispatcher });
    expect(start.status).toBe(409);
    expect(start.body.currentState).toBe('cancelled');
    // once the redelivery and the second cancellation are consumed: still one event, no dead letter
    await consumedUpTo(applianceId, 'barrier-1');
    expect(of(installationId, 'installation.cancelled.v1')).toHaveLength(1);
    expect(probe.on(`${dispatch}.dlq`)).toEqual([]);
  });

  it('leaves a started job alone (dispatch cancels only unstarted orders)', async () => {
    const { installationId, applianceId, cancelled } = await booked('started');
    const tech = await tokenFor('technician', { technicianId: 'T-1' });
    const start = await http('POST', `${svc.url}/api/v1/installations/${installationId}/start`, { token: tech });
    expect(start.status).toBe(200);
    await probe.publish(dispatch, cancelled());
    await consumedUpTo(applianceId, 'barrier-2');
    expect((await job(installationId)).status).toBe('in-progress');
    expect(of(installationId, 'installation.cancelled.v1')).toEqual([]);
    expect(probe.on(`${dispatch}.dlq`)).toEqual([]);
  });
});
