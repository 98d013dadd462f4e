import { createEvent, EventEnvelope, PartsConsumed, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { buildRepairsPolicy } from '@appliance-care/repairs';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { assign, diagnosisCompleted, forTicket, ticketIdOf, topics, uid, waitForTicket } from './repairs.fixtures';

const partsTopic = () => physicalTopic(Topics.parts);

/** the parts service's stand-in: the completed repair's reservation was consumed */
function partsConsumed(ticketId: string, basis: 'price' | 'cost', quantity = 1): EventEnvelope<PartsConsumed> {
  const drier = { sku: 'RF-DRIER', name: 'Filter drier', quantity, location: 'van:TECH-1' };
  const seal = { sku: 'DOOR-SEAL', name: 'Door seal', quantity: 2, location: 'depot:london' };
  const used = [
    { ...drier, unitPrice: 89, unitCost: 48.95, currency: 'GBP' },
    { ...seal, unitPrice: 12.1, unitCost: 6.05, currency: 'GBP' },
  ].map((l) => ({ ...l, basis, amount: l.quantity * (basis === 'price' ? l.unitPrice : l.unitCost) }));
  const total = used.reduce((sum, l) => sum + l.amount, 0);
  return createEvent({
    type: 'parts.consumed.v1',
    source: '/appliance-care/parts',
    subject: ticketId,
    data: {
      ticketId,
      applianceId: 'A-1',
      customerId: 'C-1',
      used,
      released: [],
      partsValue: { basis, currency: 'GBP', total },
      consumedAt: new Date().toISOString(),
    },
  }) as EventEnvelope<PartsConsumed>;
}

describe("repairs: a completed ticket records its parts cost from the parts service's consumption", () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const post = async (ticketId: string, action: string, body?: unknown) =>
    http('POST', `${svc.url}/api/v1/tickets/${ticketId}/${action}`, {
      token: await tokenFor('technician', { technicianId: 'TECH-1' }, 'user-TECH-1'),
      body,
    });

  beforeAll(async () => {
    env = isolateTestEnv('repairs-parts-cost');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.repairs()]);
    svc = await startTestService('repairs', (c) => AppModule.register(c, buildRepairsPolicy()), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function completed(): Promise<string> {
    const diagnosis = diagnosisCompleted({ caseId: uid('CASE') });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await probe.waitForEvents('repair.ticket-opened.v1', 1, 30_000, forTicket(ticketId));
    await assign(probe, svc, ticketId, 'TECH-1');
    await post(ticketId, 'accept');
    await post(ticketId, 'en-route', { eta: new Date(Date.now() + 1800e3).toISOString() });
    await post(ticketId, 'start');
    const partsUsed = [
      { sku: 'RF-DRIER', name: 'Filter drier', quantity: 1 },
      { sku: 'DOOR-SEAL', name: 'Door seal', quantity: 2 },
    ];
    const done = await post(ticketId, 'complete', {
      workDone: 'drier and seals',
      partsUsed,
      labourMinutes: 50,
      signedOffBy: 'Ann',
    });
    expect(done.body).toMatchObject({ status: 'completed' });
    expect(done.body.partsCost).toBeUndefined();
    return ticketId;
  }

  it('shows a covered repair at catalogue prices with its warranty claim at cost, once (a redelivery or a later consumption changes nothing)', async () => {
    const ticketId = await completed();
    const consumed = partsConsumed(ticketId, 'cost');
    await probe.publish(partsTopic(), consumed);
    const costed = await waitForTicket(svc, ticketId, (t) => t.partsCost !== undefined);
    expect(costed.partsCost).toEqual({
      currency: 'GBP',
      total: 113.2,
      lines: [
        { sku: 'RF-DRIER', name: 'Filter drier', quantity: 1, unitPrice: 89, unitCost: 48.95 },
        { sku: 'DOOR-SEAL', name: 'Door seal', quantity: 2, unitPrice: 12.1, unitCost: 6.05 },
      ],
      warrantyClaim: { total: 61.05 },
      consumedAt: consumed.data.consumedAt,
    });

    await probe.publish(partsTopic(), consumed); // a redelivery
    await probe.publish(partsTopic(), partsConsumed(ticketId, 'price', 3)); // a different word on the same ticket
    // a marker behind them on the same partition: once it is recorded, the two before it were handled
    const other = await completed();
    await probe.publish(partsTopic(), partsConsumed(other, 'price'), 'binary', ticketId);
    const marker = await waitForTicket(svc, other, (t) => t.partsCost !== undefined);
    expect(marker.partsCost).toMatchObject({ total: 113.2 });
    expect(marker.partsCost.warrantyClaim).toBeUndefined();
    expect((await waitForTicket(svc, ticketId)).partsCost).toEqual(costed.partsCost);
  });
});
