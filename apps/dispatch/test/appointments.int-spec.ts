import { createEvent, EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  dayAhead,
  installationRequested,
  repairTicketChanged,
  repairTicketOpened,
  technicianBody,
} from './dispatch-fixtures';

const REGION = 'bath';
const BUFFER = 30 * 60_000;
const hours = (start: string, end: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, { start, end }]));
interface Offer {
  technicianId: string;
  technicianName: string;
  window: { from: string; to: string };
}

/** Issue 17 item 2: customers choose, move and cancel their appointments (through the API with a login). */
describe('appointments: offered windows, moves and cancellations, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const forSource = (sourceId: string) => (e: { data: unknown }) =>
    (e.data as { sourceId: string }).sourceId === sourceId;
  const customer = (sourceId: string) => tokenFor('customer', { customerId: `C-${sourceId}` }, `cust-${sourceId}`);
  const licenceDay = dayAhead(1);
  /** the qualified technicians in the region, with their working hours (UTC, every day) */
  const QUALIFIED: Record<string, [string, string]> = {
    'T-BTH-A': ['09:00', '12:00'],
    'T-BTH-B': ['13:00', '16:00'],
    'T-BTH-C': ['12:00', '13:00'],
  };
  const workOrders: Record<string, string> = {};

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-appointments');
    // a configured count (at least 5), so that the offers reach past the day T-BTH-C's licence ends
    process.env['APPOINTMENT_SLOT_COUNT'] = '20';
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher', {}, 'D-APPT');
    const licence = (validUntil: string) => [{ skill: 'gas-safe', number: 'GS-1', validUntil }];
    const technicians: [string, Record<string, unknown>][] = [
      ['T-BTH-A', { workingHours: hours('09:00', '12:00') }],
      ['T-BTH-B', { workingHours: hours('13:00', '16:00') }],
      ['T-BTH-C', { workingHours: hours('12:00', '13:00'), licences: licence(licenceDay) }],
      // each fails one check, and would otherwise be free all day every day
      ['T-BTH-NOSKILL', { skills: ['appliance-general'] }],
      ['T-BTH-EXPIRED', { licences: licence(dayAhead(-1)) }],
      ['T-BTH-AWAY', { timeOff: [{ from: `${dayAhead(-1)}T00:00:00Z`, to: `${dayAhead(20)}T00:00:00Z` }] }],
      ['T-BTH-IDLE', { active: false }],
      ['T-FAR-AWAY', { homeRegion: 'truro' }],
    ];
    for (const [id, over] of technicians) {
      const res = await http('POST', `${svc.url}/api/v1/technicians`, {
        token: dispatcher,
        body: technicianBody(id, { homeRegion: REGION, ...over }),
      });
      expect(res.status).toBe(201);
    }
    // one order each to move, race with and cancel, all booked first on day 10; one booking tomorrow 09:00
    const day10 = { from: `${dayAhead(10)}T08:00:00Z`, to: `${dayAhead(10)}T17:00:00Z` };
    for (const id of ['INST-BTH-1', 'INST-BTH-2', 'INST-BTH-3', 'INST-BTH-4'])
      workOrders[id] = await booked(installationRequested(id, { region: REGION, preferredWindow: day10 }));
    const tomorrow = { from: `${dayAhead(1)}T09:00:00Z`, to: `${dayAhead(1)}T10:00:00Z` };
    workOrders['INST-BTH-TOMORROW'] = await booked(
      installationRequested('INST-BTH-TOMORROW', { region: REGION, preferredWindow: tomorrow }),
    );
  }, 120_000);
  afterAll(async () => {
    delete process.env['APPOINTMENT_SLOT_COUNT'];
    await probe?.close();
    await svc?.close();
  });

  async function booked(request: EventEnvelope): Promise<string> {
    const topic = request.type.startsWith('repair') ? Topics.repairs : Topics.salesInstallation;
    await probe.publish(physicalTopic(topic), request);
    const sourceId =
      (request.data as { installationId?: string; ticketId?: string }).installationId ??
      (request.data as { ticketId: string }).ticketId;
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource(sourceId));
    return (assigned.data as { workOrderId: string }).workOrderId;
  }

  const slotsOf = async (workOrderId: string, token: string) =>
    http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}/slots`, { token });
  const act = (workOrderId: string, action: 'reschedule' | 'cancel', token: string, body: unknown) =>
    http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/${action}`, { token, body });
  const slotBody = (offer: Pick<Offer, 'technicianId' | 'window'>) => ({
    slot: { technicianId: offer.technicianId, start: offer.window.from },
  });
  async function calendarOf(technicianId: string, from = dayAhead(0), to = dayAhead(15)) {
    const res = await http('GET', `${svc.url}/api/v1/technicians/${technicianId}/work-orders?from=${from}&to=${to}`, {
      token: dispatcher,
    });
    expect(res.status).toBe(200);
    return res.body.workOrders as { workOrderId: string; window: { from: string; to: string } }[];
  }

  it('offers free windows of qualified technicians only: region, skill, licence that day, hours, time off', async () => {
    const res = await slotsOf(workOrders['INST-BTH-1'], await customer('INST-BTH-1'));
    expect(res.status).toBe(200);
    const offers: Offer[] = res.body.slots;
    expect(offers.length).toBeGreaterThanOrEqual(5);
    expect(offers.length).toBeLessThanOrEqual(20);
    const starts = offers.map((offer) => Date.parse(offer.window.from));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
    const horizon = Date.now() + 14 * 86_400_000;
    const calendars = Object.fromEntries(
      await Promise.all(Object.keys(QUALIFIED).map(async (id) => [id, await calendarOf(id)] as const)),
    );
    for (const offer of offers) {
      const { technicianId, window } = offer;
      const [from, to] = [Date.parse(window.from), Date.parse(window.to)];
      // a qualified technician's, within their working hours
      const [start, end] = QUALIFIED[technicianId] ?? ['24:00', '00:00'];
      const inHours = window.from.slice(11, 16) >= start && window.to.slice(11, 16) <= end;
      expect({ offer, inHours }).toEqual({ offer, inHours: true });
      expect(to - from).toBe(60 * 60_000);
      expect(from).toBeGreaterThanOrEqual(Date.now() - 60_000);
      expect(to).toBeLessThanOrEqual(horizon + 60_000);
      if (technicianId === 'T-BTH-C') expect(window.from.slice(0, 10) <= licenceDay).toBe(true);
      // free: clear of every other booking of the technician, travel buffer on both sides
      for (const other of calendars[technicianId].filter((o) => o.workOrderId !== workOrders['INST-BTH-1'])) {
        const [bookedFrom, bookedTo] = [Date.parse(other.window.from), Date.parse(other.window.to)];
        expect({
          offer: window,
          other: other.window,
          clash: from < bookedTo + BUFFER && bookedFrom < to + BUFFER,
        }).toEqual({ offer: window, other: other.window, clash: false });
      }
    }
    // tomorrow 09:00 is T-BTH-A's booking: offered neither then nor within its travel buffer
    expect(offers.some((o) => o.technicianId === 'T-BTH-A' && o.window.from.startsWith(`${dayAhead(1)}T09`))).toBe(
      false,
    );
    // past the day the licence ends, T-BTH-C's hour is not offered
    expect(offers.some((o) => o.window.from.slice(0, 10) > licenceDay)).toBe(true);
    expect(
      offers.filter((o) => o.window.from.slice(0, 10) > licenceDay && o.window.from.slice(11, 13) === '12'),
    ).toEqual([]);
  });

  it("answers 404 for someone else's order and 403 to technicians and the sales system", async () => {
    const workOrderId = workOrders['INST-BTH-1'];
    const other = await customer('INST-BTH-2');
    expect((await slotsOf(workOrderId, other)).status).toBe(404);
    expect((await act(workOrderId, 'cancel', other, { reason: 'not mine' })).status).toBe(404);
    const slot = { slot: { technicianId: 'T-BTH-B', start: `${dayAhead(2)}T13:00:00.000Z` } };
    expect((await act(workOrderId, 'reschedule', other, slot)).status).toBe(404);
    expect((await slotsOf('WO-none', dispatcher)).status).toBe(404);
    expect((await slotsOf(workOrderId, await tokenFor('technician', { technicianId: 'T-BTH-A' }))).status).toBe(403);
    expect((await slotsOf(workOrderId, await tokenFor('sales-system'))).status).toBe(403);
    expect((await slotsOf(workOrderId, dispatcher)).status).toBe(200);
  });

  it('moves the booking to another technician: assigned, rescheduled and released in one write, the old slot freed', async () => {
    const workOrderId = workOrders['INST-BTH-1'];
    const token = await customer('INST-BTH-1');
    const offers: Offer[] = (await slotsOf(workOrderId, token)).body.slots;
    const target = offers.find((offer) => offer.technicianId === 'T-BTH-B') as Offer;
    const before = (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body;
    expect(before).toMatchObject({ status: 'assigned', technicianId: 'T-BTH-A' });

    const moved = await act(workOrderId, 'reschedule', token, slotBody(target));
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'assigned', technicianId: 'T-BTH-B', window: target.window });
    const bySource = forSource('INST-BTH-1');
    const assigned = await waitFor(
      () =>
        probe
          .events('work-order.assigned.v1')
          .find((e) => bySource(e) && (e.data as { reason: string }).reason === 'rescheduled'),
      { what: 'the new booking' },
    );
    expect(assigned.data).toMatchObject({
      technicianId: 'T-BTH-B',
      previousTechnicianId: 'T-BTH-A',
      window: target.window,
    });
    const [rescheduled] = await probe.waitForEvents('work-order.rescheduled.v1', 1, 30_000, bySource);
    expect(rescheduled.data).toMatchObject({
      workOrderId,
      technicianId: 'T-BTH-B',
      window: target.window,
      previousTechnicianId: 'T-BTH-A',
      previousWindow: before.window,
      rescheduledBy: 'customer',
      via: 'api',
    });
    const [released] = await probe.waitForEvents('work-order.released.v1', 1, 30_000, bySource);
    expect(released.data).toMatchObject({ technicianId: 'T-BTH-A', window: before.window, reason: 'reassigned' });
    expect(new Set([assigned.correlationid, rescheduled.correlationid, released.correlationid]).size).toBe(1);
    expect((await calendarOf('T-BTH-A')).map((o) => o.workOrderId)).not.toContain(workOrderId);
    expect((await calendarOf('T-BTH-B')).find((o) => o.workOrderId === workOrderId)?.window).toEqual(target.window);

    // with the same technician: the move is recorded, nobody released
    const again = ((await slotsOf(workOrderId, token)).body.slots as Offer[]).find(
      (offer) => offer.technicianId === 'T-BTH-B' && offer.window.from !== target.window.from,
    ) as Offer;
    expect((await act(workOrderId, 'reschedule', dispatcher, slotBody(again))).status).toBe(200);
    const [, second] = await probe.waitForEvents('work-order.rescheduled.v1', 2, 30_000, bySource);
    expect(second.data).toMatchObject({
      previousTechnicianId: 'T-BTH-B',
      previousWindow: target.window,
      rescheduledBy: 'dispatcher',
    });
    expect(
      new Set(
        probe
          .events('work-order.released.v1')
          .filter(bySource)
          .map((e) => e.id),
      ).size,
    ).toBe(1);
  });

  it('refuses a window that is taken (409) or could not be offered (422, naming why), and bad input (400)', async () => {
    const workOrderId = workOrders['INST-BTH-2'];
    const token = await customer('INST-BTH-2');
    const at = (technicianId: string, start: string) =>
      act(workOrderId, 'reschedule', token, { slot: { technicianId, start } });
    const taken = await at('T-BTH-A', `${dayAhead(1)}T09:00:00.000Z`);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('slot-taken');
    const why = async (technicianId: string, start: string) => {
      const res = await at(technicianId, start);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('slot-not-offered');
      return res.body.why;
    };
    expect(await why('T-BTH-A', `${dayAhead(2)}T13:00:00.000Z`)).toBe('hours');
    expect(await why('T-BTH-NOSKILL', `${dayAhead(2)}T09:00:00.000Z`)).toBe('skill');
    expect(await why('T-BTH-C', `${dayAhead(3)}T12:00:00.000Z`)).toBe('licence');
    expect(await why('T-BTH-AWAY', `${dayAhead(2)}T09:00:00.000Z`)).toBe('time-off');
    expect(await why('T-BTH-IDLE', `${dayAhead(2)}T09:00:00.000Z`)).toBe('inactive');
    expect(await why('T-FAR-AWAY', `${dayAhead(2)}T09:00:00.000Z`)).toBe('region');
    expect(await why('T-BTH-A', `${dayAhead(20)}T09:00:00.000Z`)).toBe('not-offered');
    const bad = await act(workOrderId, 'reschedule', token, { slot: { technicianId: 'T-BTH-A', start: 'soon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'slot.start' })]);
    expect((await act(workOrderId, 'cancel', token, {})).status).toBe(400);
  });

  it('keeps one booking per window: of two customers racing for it, one wins and the other hears slot-taken', async () => {
    const [first, second] = [workOrders['INST-BTH-2'], workOrders['INST-BTH-3']];
    const offers: Offer[] = (await slotsOf(first, await customer('INST-BTH-2'))).body.slots;
    const last = offers.filter((offer) => offer.technicianId === 'T-BTH-B').at(-1) as Offer;
    const answers = await Promise.all([
      act(first, 'reschedule', await customer('INST-BTH-2'), slotBody(last)),
      act(second, 'reschedule', await customer('INST-BTH-3'), slotBody(last)),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('slot-taken');
    const day = last.window.from.slice(0, 10);
    const there = (await calendarOf('T-BTH-B', day, day)).filter((o) => o.window.from === last.window.from);
    expect(there).toHaveLength(1);
    expect([first, second]).toContain(there[0].workOrderId);
  });

  it('cancels: the slot is freed and work-order.cancelled.v1 says who and through what; then nothing more', async () => {
    const workOrderId = workOrders['INST-BTH-4'];
    const token = await customer('INST-BTH-4');
    const before = (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body;
    const res = await act(workOrderId, 'cancel', token, { reason: 'we are moving house' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    const [cancelled] = await probe.waitForEvents('work-order.cancelled.v1', 1, 30_000, forSource('INST-BTH-4'));
    expect(cancelled.data).toMatchObject({
      workOrderId,
      technicianId: before.technicianId,
      window: before.window,
      cancelledBy: 'customer',
      via: 'api',
      reason: 'we are moving house',
    });
    expect((await calendarOf(before.technicianId)).map((o) => o.workOrderId)).not.toContain(workOrderId);
    for (const again of [
      await act(workOrderId, 'cancel', token, { reason: 'again' }),
      await slotsOf(workOrderId, token),
      await act(workOrderId, 'reschedule', token, slotBody({ technicianId: 'T-BTH-A', window: before.window })),
    ]) {
      expect(again.status).toBe(409);
      expect(again.body.currentState).toBe('cancelled');
    }
  });

  it('refuses to move or cancel a visit that has started', async () => {
    const workOrderId = workOrders['INST-BTH-TOMORROW'];
    const order = (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body;
    const started = createEvent({
      type: 'installation.started.v1',
      source: '/appliance-care/sales-installation',
      subject: order.applianceId,
      data: {
        installationId: 'INST-BTH-TOMORROW',
        applianceId: order.applianceId,
        customerId: order.customerId,
        workOrderId,
        technicianId: order.technicianId,
        startedAt: new Date().toISOString(),
      } as never,
    });
    await probe.publish(physicalTopic(Topics.salesInstallation), started);
    await waitFor(
      async () => {
        const res = await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher });
        return res.body.status === 'in-progress' || undefined;
      },
      { what: 'the visit started' },
    );
    const token = await customer('INST-BTH-TOMORROW');
    const cancel = await act(workOrderId, 'cancel', token, { reason: 'too late' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.currentState).toBe('in-progress');
    expect(
      (await act(workOrderId, 'reschedule', dispatcher, slotBody({ technicianId: 'T-BTH-A', window: order.window })))
        .status,
    ).toBe(409);
  });

  it("ignores repairs' repair.cancelled.v1 for a repair the customer already cancelled here", async () => {
    const ticketId = 'TKT-BTH-1';
    const workOrderId = await booked(repairTicketOpened(ticketId, { region: REGION }));
    const res = await act(workOrderId, 'cancel', await customer(ticketId), { reason: 'fixed it myself' });
    expect(res.status).toBe(200);
    await probe.waitForEvents('work-order.cancelled.v1', 1, 30_000, forSource(ticketId));
    const before = (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body;

    // repairs closes the ticket because of our event and says so; a later event of the same appliance
    // (same partition, handled after it) shows when dispatch has handled it
    const cancelledByRepairs = repairTicketChanged('repair.cancelled.v1', ticketId, {
      reason: 'the appointment was cancelled',
      cancelledBy: 'customer',
    });
    await probe.publish(physicalTopic(Topics.repairs), cancelledByRepairs);
    await booked(repairTicketOpened('TKT-BTH-MARKER', { region: REGION, applianceId: `A-${ticketId}` }));

    const after = (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body;
    expect(after).toEqual(before);
    expect(probe.events('work-order.released.v1').filter(forSource(ticketId))).toEqual([]);
    expect(
      new Set(
        probe
          .events('work-order.cancelled.v1')
          .filter(forSource(ticketId))
          .map((e) => e.id),
      ).size,
    ).toBe(1);
  });
});
