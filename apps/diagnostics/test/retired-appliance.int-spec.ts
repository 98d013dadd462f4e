import { createEvent, dlqTopic, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { deviceFault, seedAppliance } from './diagnostics.fixtures';

describe('diagnostics: a retired appliance (replaced under warranty) opens no new case', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const faults = () => physicalTopic(Topics.deviceFaults);

  beforeAll(async () => {
    env = isolateTestEnv('diagnostics-retired');
    svc = await startTestService('diagnostics', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([dlqTopic(faults())]);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('refuses the customer’s report with 409 naming the replacement, and dead-letters a device fault with the reason', async () => {
    const a = await seedAppliance(probe, svc, 'washing-machine');
    const customer = await tokenFor('customer', { customerId: a.customerId });
    const report = () =>
      http('POST', `${svc.url}/api/v1/appliances/${a.applianceId}/problems`, {
        token: customer,
        body: { symptoms: 'water left in the drum' },
      });
    expect((await report()).status).toBeLessThan(300);

    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      createEvent({
        type: 'appliance.retired.v1',
        source: '/test/sales-installation',
        subject: a.applianceId,
        data: {
          applianceId: a.applianceId,
          serialNumber: a.serialNumber,
          customerId: a.customerId,
          retiredAt: new Date().toISOString(),
          reason: 'replaced',
          replacedBy: { applianceId: 'APL-NEW', serialNumber: `RMA-${a.serialNumber}`, ticketId: 'RT-1' },
        },
      }),
    );
    const refused = await waitFor(
      async () => {
        const res = await report();
        return res.status === 409 ? res : undefined;
      },
      { what: 'the retired appliance refusing reports' },
    );
    expect(refused.body.detail).toContain(`replaced under warranty by serial RMA-${a.serialNumber}`);

    const fault = deviceFault(a.serialNumber, 'E99');
    await probe.publish(faults(), fault);
    const [dead] = await waitFor(
      () => {
        const letters = probe.on(dlqTopic(faults())).filter((m) => m.headers['ce_id'] === fault.id);
        return letters.length ? letters : undefined;
      },
      { what: 'the fault dead-lettered' },
    );
    expect(dead!.headers['x-error-message']).toContain('was retired');
  });
});
