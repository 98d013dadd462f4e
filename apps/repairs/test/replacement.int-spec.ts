import { createEvent, EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { AppliancePriceRepository, buildRepairsPolicy, TicketRepository } from '@appliance-care/repairs';
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
} from './repairs.fixtures';

/** sales-installation's stand-in: the appliance was bought for `price` */
const registered = (applianceId: string, price?: number) =>
  createEvent({
    type: 'appliance.registered.v1',
    source: '/appliance-care/sales-installation',
    subject: applianceId,
    data: {
      applianceId,
      serialNumber: `SN-${applianceId}`,
      sku: 'WM-8KG-1400',
      category: 'washing-machine',
      customerId: 'C-1',
      orderId: uid('ORD'),
      purchasedAt: new Date().toISOString(),
      warrantyMonths: 24,
      warrantyEndsAt: new Date(Date.now() + 700 * 86400e3).toISOString(),
      installationRequired: true,
      price,
    },
  });

describe('repairs: warranty replacement proposed, approved and rejected through Kafka and FerretDB', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const tech = (technicianId: string) => tokenFor('technician', { technicianId }, `user-${technicianId}`);
  const post = async (ticketId: string, path: string, token: string, body?: unknown) =>
    http('POST', `${svc.url}/api/v1/tickets/${ticketId}/${path}`, { token, body });

  beforeAll(async () => {
    env = isolateTestEnv('repairs-replacement');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.repairs(), topics.diagnostics(), topics.dispatch()]);
    svc = await startTestService('repairs', (c) => AppModule.register(c, buildRepairsPolicy()), env);
    dispatcher = await dispatcherToken();
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /** The appliance bought at `price`, known to repairs before its diagnosis arrives. */
  async function bought(price: number): Promise<string> {
    const applianceId = uid('A-RMA');
    await probe.publish(physicalTopic(Topics.salesInstallation), registered(applianceId, price));
    const prices = svc.app.get(AppliancePriceRepository);
    await waitFor(async () => (await prices.priceOf(applianceId)) === price, { what: `the price of ${applianceId}` });
    return applianceId;
  }

  async function opened(diagnosis: EventEnvelope<any>): Promise<string> {
    const ticketId = ticketIdOf(diagnosis.data.caseId);
    await probe.publish(topics.diagnostics(), diagnosis);
    await probe.waitForEvents('repair.ticket-opened.v1', 1, 30_000, forTicket(ticketId));
    return ticketId;
  }

  async function proposed(applianceId: string): Promise<string> {
    const ticketId = await opened(diagnosisCompleted({ applianceId }));
    await probe.waitForEvents('repair.replacement-proposed.v1', 1, 30_000, forTicket(ticketId));
    return ticketId;
  }

  it('proposes replacing a covered appliance whose repair estimate exceeds the share of its price, saying why', async () => {
    // the estimate: a drain pump 42.50 + 90 min labour 82.50 + call-out 65 = 190, 76% of 250
    const applianceId = await bought(250);
    const ticketId = await opened(diagnosisCompleted({ applianceId }));
    const [proposal] = await probe.waitForEvents('repair.replacement-proposed.v1', 1, 30_000, forTicket(ticketId));
    expect(proposal!.data).toMatchObject({
      applianceId,
      trigger: 'estimate-share',
      estimateTotal: 190,
      appliancePrice: 250,
      reason: "estimate 190 is 76% of the appliance's price 250 (limit 60%)",
      region: 'london',
    });
    const ticket = await waitForTicket(svc, ticketId);
    expect(ticket).toMatchObject({
      status: 'awaiting-assignment',
      replacement: { status: 'proposed', trigger: 'estimate-share' },
    });
    expect(ticket.allowedActions).toEqual(expect.arrayContaining(['approve-replacement', 'reject-replacement']));
    expect(ticket.history.map((h: any) => h.action)).toEqual(['opened', 'propose-replacement']);
    // the dispatcher's list of proposals waiting for an answer
    const waiting = await http('GET', `${svc.url}/api/v1/tickets?replacement=proposed&applianceId=${applianceId}`, {
      token: dispatcher,
    });
    expect(waiting.body.items.map((t: any) => t.ticketId)).toEqual([ticketId]);
    const bad = await http('GET', `${svc.url}/api/v1/tickets?replacement=maybe`, { token: dispatcher });
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'replacement' })]);
  });

  it('does not propose a cheap repair of a dear appliance, nor an uncovered one', async () => {
    const dear = await bought(2000);
    const cheapRepair = await opened(diagnosisCompleted({ applianceId: dear }));
    const cheapAppliance = await bought(100);
    const billable = await opened(
      diagnosisCompleted({
        applianceId: cheapAppliance,
        reportedAt: new Date().toISOString(),
        warranty: { status: 'out-of-warranty', endsAt: new Date(Date.now() - 86400e3).toISOString() },
      }),
    );
    for (const ticketId of [cheapRepair, billable]) {
      expect((await waitForTicket(svc, ticketId)).replacement).toBeUndefined();
      expect(eventsFor(probe, ticketId, 'repair.replacement-proposed.v1')).toEqual([]);
    }
  });

  it('proposes the second failure of the same fault within RMA_REPEAT_FAULT_DAYS of its repair', async () => {
    const applianceId = uid('A-REPEAT'); // no price known: only the repeat can propose
    const first = await opened(diagnosisCompleted({ applianceId }));
    await assign(probe, svc, first, 'TECH-R', { applianceId });
    const token = await tech('TECH-R');
    await post(first, 'accept', token);
    await post(first, 'en-route', token, { eta: new Date(Date.now() + 1800e3).toISOString() });
    await post(first, 'start', token);
    const done = await post(first, 'complete', token, {
      workDone: 'drain pump replaced',
      partsUsed: [{ sku: 'DRAIN-PUMP-01', name: 'Drain pump', quantity: 1 }],
      labourMinutes: 40,
      signedOffBy: 'Ada Lovelace',
    });
    expect(done.body.status).toBe('completed');
    expect(eventsFor(probe, first, 'repair.replacement-proposed.v1')).toEqual([]);

    const second = await opened(diagnosisCompleted({ applianceId }));
    const [proposal] = await probe.waitForEvents('repair.replacement-proposed.v1', 1, 30_000, forTicket(second));
    expect(proposal!.data).toMatchObject({ trigger: 'repeat-fault', earlierTicketId: first });
    expect((proposal!.data as any).reason).toBe(
      `the same fault (e21) was repaired 0 days ago on ticket ${first} (within 90 days)`,
    );
  });

  it('approves: the ticket ends as replaced, its clock stops, and repair.replacement-approved.v1 carries the serial', async () => {
    const ticketId = await proposed(await bought(250));
    await assign(probe, svc, ticketId, 'TECH-A');
    const res = await post(ticketId, 'replacement/approve', dispatcher, { serialNumber: 'WM-NEW-0001' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'replaced',
      allowedActions: [],
      replacement: { status: 'approved', decidedBy: 'dispatcher-1', replacementSerialNumber: 'WM-NEW-0001' },
    });
    expect(res.body.replacedAt).toBeDefined();
    // the SLA watcher no longer scans it
    const watched = await svc.app.get(TicketRepository).watched();
    expect(watched.map((t) => t.ticketId)).not.toContain(ticketId);
    const [approved] = await probe.waitForEvents('repair.replacement-approved.v1', 1, 30_000, forTicket(ticketId));
    expect(approved!.data).toMatchObject({
      approvedBy: 'dispatcher-1',
      trigger: 'estimate-share',
      replacementSerialNumber: 'WM-NEW-0001',
      technicianId: 'TECH-A',
    });
    // not a repair done: no completion, and nothing more happens to it
    expect(eventsFor(probe, ticketId, 'repair.completed.v1')).toEqual([]);
    expect((await post(ticketId, 'accept', await tech('TECH-A'))).body).toMatchObject({
      status: 409,
      currentState: 'replaced',
    });
    expect((await post(ticketId, 'replacement/approve', dispatcher)).body).toMatchObject({
      status: 409,
      currentState: 'replaced',
    });
    const replaced = await http(
      'GET',
      `${svc.url}/api/v1/tickets?status=replaced&applianceId=${(approved!.data as { applianceId: string }).applianceId}`,
      {
        token: dispatcher,
      },
    );
    expect(replaced.body.items.map((t: any) => t.ticketId)).toEqual([ticketId]);
  });

  it('rejects: the repair goes on, and the proposal cannot be answered twice', async () => {
    const ticketId = await proposed(await bought(250));
    const res = await post(ticketId, 'replacement/reject', dispatcher, {
      reason: 'the part is in stock, repair is quicker',
    });
    expect(res.body).toMatchObject({
      status: 'awaiting-assignment',
      replacement: { status: 'rejected', rejectionReason: 'the part is in stock, repair is quicker' },
    });
    expect(res.body.allowedActions).not.toContain('approve-replacement');
    const waiting = await http(
      'GET',
      `${svc.url}/api/v1/tickets?replacement=proposed&applianceId=${res.body.applianceId}`,
      {
        token: dispatcher,
      },
    );
    expect(waiting.body.items).toEqual([]);
    await probe.waitForEvents('repair.replacement-rejected.v1', 1, 30_000, forTicket(ticketId));
    expect((await post(ticketId, 'replacement/approve', dispatcher)).body).toMatchObject({
      status: 409,
      currentState: 'replacement-rejected',
    });
    await assign(probe, svc, ticketId, 'TECH-B');
    expect((await post(ticketId, 'accept', await tech('TECH-B'))).body.status).toBe('accepted');
  });

  it('answers 400 naming the field, 403 to customers and technicians, 404 unknown, 409 when nothing is proposed', async () => {
    const ticketId = await proposed(await bought(250));
    const noReason = await post(ticketId, 'replacement/reject', dispatcher, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const badSerial = await post(ticketId, 'replacement/approve', dispatcher, { serialNumber: 'not a serial!' });
    expect(badSerial.status).toBe(400);
    expect(badSerial.body.errors).toEqual([expect.objectContaining({ field: 'serialNumber' })]);
    const customer = await tokenFor('customer', { customerId: 'C-1' });
    expect((await post(ticketId, 'replacement/approve', customer)).status).toBe(403);
    expect((await post(ticketId, 'replacement/reject', await tech('TECH-X'), { reason: 'no' })).status).toBe(403);
    expect((await post('RT-NOPE', 'replacement/approve', dispatcher)).status).toBe(404);
    const plain = await opened(diagnosisCompleted({ applianceId: uid('A-PLAIN') }));
    await waitForTicket(svc, plain);
    expect((await post(plain, 'replacement/approve', dispatcher)).body).toMatchObject({
      status: 409,
      currentState: 'without a replacement proposal',
    });
    // the ticket is still proposed after the refused calls; an admin may answer too
    const admin = await tokenFor('admin');
    expect((await post(ticketId, 'replacement/approve', admin)).body.status).toBe('replaced');
  });
});
