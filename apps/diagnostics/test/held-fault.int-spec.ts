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
  const faults = () => physicalTopic(Topics.deviceFaults);
  const faultsDlq = () => dlqTopic(faults());

  beforeAll(async () => {
    env = isolateTestEnv('diagnostics-held');
    svc = await startTestService(
      'diagnostics',
      (config) => AppModule.register(config, { deviceFaultHoldMinutes: HOLD_MINUTES, heldFaultSweepMs: 500 }),
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

  const collection = (name: string) => svc.app.get<Connection>(getConnectionToken()).collection(name);
  /** The consumer claims an event in its inbox right before handling it: the fault has been tried. */
  const claimed = (eventId: string) => async () => Boolean(await collection('inbox').findOne({ eventId }));
  const holdOf = (eventId: string) => collection('held_faults').findOne({ _id: eventId as never });
  const casesOf = async (applianceId: string): Promise<Record<string, unknown>[]> => {
    const res = await http('GET', `${svc.url}/api/v1/cases?applianceId=${applianceId}`, { token: dispatcher });
    return res.body.items;
  };
  const deadLettersOf = (eventId: string) => probe.on(faultsDlq()).filter((m) => m.headers['ce_id'] === eventId);

  it('holds the fault until appliance.registered.v1 arrives, then opens its case once (no dead letter)', async () => {
    const serialNumber = `SN-LATE-${uniqueSuffix()}`;
    const fault = deviceFault(serialNumber, 'E21');
    await probe.publish(faults(), fault);
    await waitFor(async () => (await holdOf(fault.id))?.['status'] === 'held', { what: 'the fault held' });

    const appliance = await seedAppliance(probe, svc, 'washing-machine', { serialNumber });
    const cases = await waitFor(
      async () => {
        const items = await casesOf(appliance.applianceId);
        return items.length === 1 ? items : undefined;
      },
      { what: 'the held fault opening its case', timeoutMs: HOLD_MS },
    );
    expect(cases[0]).toMatchObject({ source: 'device', errorCode: 'E21', serialNumber });
    await waitFor(async () => (await holdOf(fault.id))?.['status'] === 'released', { what: 'the hold released' });
    const reported = await probe.waitForEvents(
      'problem.reported.v1',
      1,
      10_000,
      (event) => event.causationid === fault.id,
    );
    expect(reported).toHaveLength(1);
    expect(deadLettersOf(fault.id)).toEqual([]);
  });

  it('dead-letters a fault whose appliance never comes once the hold is over, with the reason', async () => {
    const serialNumber = `SN-NEVER-${uniqueSuffix()}`;
    const sentAt = Date.now();
    const fault = deviceFault(serialNumber, 'E21', new Date(sentAt));
    await probe.publish(faults(), fault);

    const dead = await waitFor(() => deadLettersOf(fault.id)[0], {
      what: 'the fault on the DLQ after the hold',
      timeoutMs: HOLD_MS + 30_000,
    });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(HOLD_MS);
    expect(dead.headers).toMatchObject({
      'x-error-code': 'unknown-serial',
      'x-original-topic': faults(),
      'x-consumer-group': `${env.topicPrefix}appliance-care.diagnostics`,
      ce_type: 'device.fault.reported.v1',
    });
    expect(dead.headers['x-original-partition']).toMatch(/^\d+$/);
    expect(dead.headers['x-original-offset']).toMatch(/^\d+$/);
    expect(dead.headers['x-error-message']).toContain(serialNumber);
    expect(dead.headers['x-error-message']).toContain(`held ${HOLD_MINUTES} min`);
    expect((await holdOf(fault.id))?.['status']).toBe('given-up');
    expect(deadLettersOf(fault.id)).toHaveLength(1);
  });

  it("handles another appliance's fault on the same partition at once while a fault is held", async () => {
    const unknownSerial = `SN-WAIT-${uniqueSuffix()}`;
    const held = deviceFault(unknownSerial, 'E21');
    const appliance = await seedAppliance(probe, svc, 'washing-machine');
    await probe.publish(faults(), held);
    await waitFor(claimed(held.id), { what: 'the fault from the unknown serial tried' });

    // the held fault's key: the same partition, and the same place in that partition's order
    const other = deviceFault(appliance.serialNumber, 'E18');
    const sentAt = Date.now();
    await probe.publish(faults(), other, 'binary', unknownSerial);
    await waitFor(async () => ((await casesOf(appliance.applianceId)).length === 1 ? true : undefined), {
      what: "the other appliance's case opened while the first fault is held",
      timeoutMs: 5_000,
    });
    expect(Date.now() - sentAt).toBeLessThan(HOLD_MS / 2);
    expect((await holdOf(held.id))?.['status']).toBe('held');
    expect(deadLettersOf(held.id)).toEqual([]);
  });
});
