import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';

import { dlqTopic, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, uniqueSuffix, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { deviceFault, seedAppliance } from './diagnostics.fixtures';

/** Shortened from the default 30 minutes so that a fault whose appliance never comes gives up in the test. */
const HOLD_MINUTES = 0.25;
const HOLD_MS = HOLD_MINUTES * 60_000;

describe('a device fault before its appliance is known (issue 17 item 7)', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const faultsDlq = () => dlqTopic(physicalTopic(Topics.deviceFaults));

  beforeAll(async () => {
    env = isolateTestEnv('diagnostics-held');
    svc = await startTestService(
      'diagnostics',
      (config) => AppModule.register(config, { deviceFaultHoldMinutes: HOLD_MINUTES }),
      env,
    );
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.diagnostics), faultsDlq()]);
    dispatcher = await tokenFor('dispatcher');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /** The consumer claims an event in its inbox right before handling it: the fault has been tried. */
  const claimed = (eventId: string) => async () =>
    Boolean(await svc.app.get<Connection>(getConnectionToken()).collection('inbox').findOne({ eventId }));

  it('holds the fault until appliance.registered.v1 arrives, then opens its case (no dead letter)', async () => {
    const serialNumber = `SN-LATE-${uniqueSuffix()}`;
    const fault = deviceFault(serialNumber, 'E21');
    await probe.publish(physicalTopic(Topics.deviceFaults), fault);
    await waitFor(claimed(fault.id), { what: 'the fault tried before its appliance is known' });

    const appliance = await seedAppliance(probe, svc, 'washing-machine', { serialNumber });
    const cases = await waitFor(
      async () => {
        const res = await http('GET', `${svc.url}/api/v1/cases?applianceId=${appliance.applianceId}`, {
          token: dispatcher,
        });
        return res.body.items.length === 1 ? res.body.items : undefined;
      },
      { what: 'the held fault opening its case', timeoutMs: HOLD_MS + 30_000 },
    );
    expect(cases[0]).toMatchObject({ source: 'device', errorCode: 'E21', serialNumber });
    expect(probe.on(faultsDlq()).filter((m) => m.headers['ce_id'] === fault.id)).toEqual([]);
  });

  it('dead-letters a fault whose appliance never comes once the hold is over, with the reason', async () => {
    const serialNumber = `SN-NEVER-${uniqueSuffix()}`;
    const sentAt = Date.now();
    const fault = deviceFault(serialNumber, 'E21', new Date(sentAt));
    await probe.publish(physicalTopic(Topics.deviceFaults), fault);

    const dead = await waitFor(() => probe.on(faultsDlq()).find((m) => m.headers['ce_id'] === fault.id), {
      what: 'the fault on the DLQ after the hold',
      timeoutMs: HOLD_MS + 60_000,
    });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(HOLD_MS);
    expect(dead.headers).toMatchObject({
      'x-error-code': 'unknown-serial',
      'x-original-topic': physicalTopic(Topics.deviceFaults),
    });
    expect(dead.headers['x-error-message']).toContain(serialNumber);
    expect(dead.headers['x-error-message']).toContain(`held ${HOLD_MINUTES} min`);
  });
});
