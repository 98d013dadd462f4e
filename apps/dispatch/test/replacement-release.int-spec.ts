import { createEvent, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { repairTicketOpened, technicianBody } from './dispatch-fixtures';

describe('dispatch: a repair ended by a warranty replacement frees its visit', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const forSource = (sourceId: string) => (e: { data: unknown }) =>
    (e.data as { sourceId: string }).sourceId === sourceId;

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-replacement');
    svc = await startTestService('dispatch', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('releases and cancels the work order on repair.replacement-approved.v1', async () => {
    const body = technicianBody('T-RMA-1', { homeRegion: 'leeds', skills: ['appliance-general'], licences: [] });
    expect((await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body })).status).toBe(201);
    await probe.publish(physicalTopic(Topics.repairs), repairTicketOpened('TKT-RMA', { region: 'leeds' }));
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource('TKT-RMA'));
    const approved = createEvent({
      type: 'repair.replacement-approved.v1',
      source: '/appliance-care/repairs',
      subject: 'A-TKT-RMA',
      data: {
        ticketId: 'TKT-RMA',
        applianceId: 'A-TKT-RMA',
        customerId: 'C-TKT-RMA',
        approvedAt: new Date().toISOString(),
        approvedBy: 'dispatcher-1',
        trigger: 'repeat-fault',
        reason: 'the same fault again',
        technicianId: 'T-RMA-1',
      },
    });
    await probe.publish(physicalTopic(Topics.repairs), approved);
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, forSource('TKT-RMA'));
    expect(released!.data).toMatchObject({ technicianId: 'T-RMA-1', reason: 'source-cancelled' });
    const workOrderId = (assigned!.data as { workOrderId: string }).workOrderId;
    await waitFor(
      async () =>
        (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body.status ===
        'cancelled',
      { what: 'the work order cancelled' },
    );
  });
});
