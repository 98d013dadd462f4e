import {
  createEvent,
  EventEnvelope,
  PartsRequested,
  PartsReservationFulfilled,
  Topics,
} from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { buildRepairsPolicy } from '@appliance-care/repairs';
import { RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { assign, diagnosisCompleted, forTicket, ticketIdOf, topics, uid, waitForTicket } from './repairs.fixtures';

const partsTopic = () => physicalTopic(Topics.parts);
const line = { sku: 'RF-DRIER', name: 'Filter drier', quantity: 1, location: 'depot:leeds' };
const ref = (ticketId: string) => ({ ticketId, applianceId: 'A-1', customerId: 'C-1' });

/** the parts service's stand-in: no van or depot had the ticket's part, it is on order */
function partsRequested(ticketId: string): EventEnvelope<PartsRequested> {
  const now = new Date();
  return createEvent({
    type: 'parts.requested.v1',
    source: '/appliance-care/parts',
    subject: ticketId,
    data: {
      ...ref(ticketId),
      lines: [line],
      expectedAt: new Date(now.getTime() + 3 * 86400e3).toISOString(),
      requestedAt: now.toISOString(),
    },
  }) as EventEnvelope<PartsRequested>;
}

/** the parts service's stand-in: arriving stock completed the ticket's reservation */
function reservationFulfilled(ticketId: string): EventEnvelope<PartsReservationFulfilled> {
  return createEvent({
    type: 'parts.reservation-fulfilled.v1',
    source: '/appliance-care/parts',
    subject: ticketId,
    data: {
      ...ref(ticketId),
      lines: [{ ...line, unitPrice: 89, unitCost: 48.95, currency: 'GBP' }],
      fulfilledAt: new Date().toISOString(),
      receiptId: uid('GRN'),
    },
  }) as EventEnvelope<PartsReservationFulfilled>;
}

describe('repairs: a ticket whose parts are on order waits for them, and goes back to scheduling when the parts service fulfils them', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;

  beforeAll(async () => {
    env = isolateTestEnv('repairs-parts-reservation');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.repairs()]);
    svc = await startTestService('repairs', (c) => AppModule.register(c, buildRepairsPolicy()), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function opened(): Promise<string> {
    const diagnosis = diagnosisCompleted({ caseId: uid('CASE') });
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    const [event] = await probe.waitForEvents('repair.ticket-opened.v1', 1, 30_000, forTicket(ticketId));
    // the visit's technician travels with the ticket: parts tries their van first
    expect(event.data).toMatchObject({ diagnosedBy: 'TECH-DIAG' });
    return ticketId;
  }

  it('waits for parts on order before anyone is booked (SLA paused), tells dispatch when a technician is booked meanwhile, and resumes on fulfilment with the return visit', async () => {
    const ticketId = await opened();
    const requested = partsRequested(ticketId);
    await probe.publish(partsTopic(), requested);
    const waiting = await waitForTicket(svc, ticketId, (t) => t.status === 'awaiting-parts');
    expect(waiting).toMatchObject({ sla: { paused: true } });
    expect(waiting.history.at(-1)).toMatchObject({ action: 'parts-short', details: { parts: [{ sku: 'RF-DRIER' }] } });
    // nobody held it: no technician's awaiting-parts step for dispatch
    expect(probe.events('repair.awaiting-parts.v1').filter(forTicket(ticketId))).toEqual([]);

    // dispatch books a technician meanwhile: they would come without the parts, so dispatch is told to end the booking
    await assign(probe, svc, ticketId, 'TECH-2');
    const [told] = await probe.waitForEvents('repair.awaiting-parts.v1', 1, 30_000, forTicket(ticketId));
    expect(told.data).toMatchObject({ technicianId: 'TECH-2', slaPaused: true, parts: [{ sku: 'RF-DRIER' }] });
    expect(await waitForTicket(svc, ticketId)).toMatchObject({ status: 'awaiting-parts' });

    await probe.publish(partsTopic(), requested); // a redelivery
    await probe.publish(partsTopic(), reservationFulfilled(ticketId));
    const [arrived] = await probe.waitForEvents('repair.parts-arrived.v1', 1, 30_000, forTicket(ticketId));
    expect(arrived.data).toMatchObject({
      arrivedVia: 'warehouse',
      parts: [{ sku: 'RF-DRIER', quantity: 1 }],
      slaResumed: true,
    });
    const resumed = await waitForTicket(svc, ticketId, (t) => t.status === 'awaiting-assignment');
    expect(resumed.history.filter((h: { action: string }) => h.action === 'parts-short')).toHaveLength(1);
  });

  it('tells dispatch (repair.awaiting-parts.v1) when a booked technician would have come without the parts', async () => {
    const ticketId = await opened();
    await assign(probe, svc, ticketId, 'TECH-1');
    await probe.publish(partsTopic(), partsRequested(ticketId));
    const [waiting] = await probe.waitForEvents('repair.awaiting-parts.v1', 1, 30_000, forTicket(ticketId));
    expect(waiting.data).toMatchObject({ technicianId: 'TECH-1', slaPaused: true, parts: [{ sku: 'RF-DRIER' }] });
  });
});
