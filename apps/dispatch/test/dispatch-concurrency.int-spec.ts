import mongoose, { Connection } from 'mongoose';

import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { Booking } from '@appliance-care/dispatch';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, testDatabase, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { dayAhead, installationRequested, technicianBody } from './dispatch-fixtures';

const TECHNICIANS = 20;
const ORDERS = 200;

const TOLD_AS: Record<string, string> = {
  'work-order.assigned.v1': 'Assigned',
  'work-order.unassignable.v1': 'Unassignable',
  'work-order.bumped.v1': 'Bumped',
};
const TOLD = Object.keys(TOLD_AS);
/**
 * Exactly once, as a trail of answers (A, U) and bumps (B): an order is answered once, then again
 * only after a bump (the bumped order is booked elsewhere or waits, in the bump's own write) or
 * when a slot freed meanwhile books it after it waited (U then A: a booking that lost a race between
 * the two instances, as when a rebalance hands a partition over mid-batch, is given back, and a
 * later retry of the waiting orders takes it). An answer repeated with nothing between is an
 * effect applied twice.
 */
const EXACTLY_ONCE = /^[AU](B[AU]|(?<=U)A)*$/;

describe('two dispatch instances in one consumer group, 200 work orders at 20 technicians', () => {
  let env: TestEnv;
  const instances: RunningService[] = [];
  let probe: KafkaProbe;
  let store: Connection;

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-concurrency');
    instances.push(await startTestService('dispatch', (c) => AppModule.register(c), env));
    instances.push(await startTestService('dispatch', (c) => AppModule.register(c), env));
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    store = await mongoose.createConnection(env.mongoUri, { dbName: testDatabase('dispatch', env) }).asPromise();
  });
  afterAll(async () => {
    await probe.close();
    await store.close();
    for (const svc of instances) await svc.close();
  });

  it('books without overlap, loses no order, and names every reason', async () => {
    const dispatcher = await tokenFor('dispatcher');
    for (let i = 0; i < TECHNICIANS; i++) {
      const id = `T-C-${String(i).padStart(2, '0')}`;
      const res = await http('POST', `${instances[i % 2].url}/api/v1/technicians`, {
        token: dispatcher,
        body: technicianBody(id),
      });
      expect(res.status).toBe(201);
    }
    // 160 orders for one day (room for 120: 20 technicians × 6 one-hour jobs with 30 min travel),
    // 20 for the next day, 20 in a region nobody covers
    const busy = dayAhead(20);
    const quiet = dayAhead(21);
    const windowOf = (day: string) => ({ from: `${day}T08:00:00Z`, to: `${day}T17:00:00Z` });
    const requests: EventEnvelope[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const id = `INST-C-${String(i).padStart(3, '0')}`;
      if (i < 160)
        requests.push(
          installationRequested(id, { preferredWindow: windowOf(busy), priority: i % 10 === 0 ? 'urgent' : 'normal' }),
        );
      else if (i < 180) requests.push(installationRequested(id, { preferredWindow: windowOf(quiet) }));
      else requests.push(installationRequested(id, { region: 'glasgow', preferredWindow: windowOf(quiet) }));
    }
    // the probe connects its producer on the first publish; the rest go out all at once
    await probe.publish(physicalTopic(Topics.salesInstallation), requests[0]);
    await Promise.all(requests.slice(1).map((r) => probe.publish(physicalTopic(Topics.salesInstallation), r)));

    const outcomeOf = () => {
      const outcomes = new Map<string, EventEnvelope[]>();
      for (const e of [...probe.events('work-order.assigned.v1'), ...probe.events('work-order.unassignable.v1')]) {
        const list = outcomes.get((e.data as { sourceId: string }).sourceId) ?? [];
        if (!list.some((x) => x.id === e.id)) list.push(e);
        outcomes.set((e.data as { sourceId: string }).sourceId, list);
      }
      return outcomes;
    };
    // an urgent order that finds the day full bumps a normal one (issue 17), which is then answered
    // again (booked elsewhere or waiting): at least one answer per order, plus one per bump it suffered
    const bumpsOf = (sourceId: string) =>
      new Set(
        probe
          .events('work-order.bumped.v1')
          .filter((e) => (e.data as { sourceId: string }).sourceId === sourceId)
          .map((e) => e.id),
      ).size;
    // what an order was told, in the order it was told (one key, one partition): its answers and bumps
    const trailOf = (sourceId: string) =>
      [...new Map(probe.events().map((e) => [e.id, e])).values()]
        .filter((e) => TOLD.includes(e.type) && (e.data as { sourceId: string }).sourceId === sourceId)
        .map((e) => `${TOLD_AS[e.type]} ${e.time} ${(e.data as { reason?: string }).reason ?? ''}`);
    const settled = () => {
      const found = outcomeOf();
      const all = found.size === ORDERS && [...found].every(([id, events]) => events.length >= 1 + bumpsOf(id));
      return all ? found : undefined;
    };
    const outcomes = await waitFor(settled, {
      timeoutMs: 240_000,
      intervalMs: 500,
      what: `${ORDERS} outcomes (have ${outcomeOf().size})`,
    });

    // no lost order and no answer twice: each order's trail is valid (see EXACTLY_ONCE), and the store agrees
    const twice = [...outcomes.keys()]
      .map((sourceId) => ({ sourceId, trail: trailOf(sourceId) }))
      .filter(({ trail }) => !EXACTLY_ONCE.test(trail.map((told) => told.slice(0, 1)).join('')));
    expect(twice).toEqual([]);
    const orders = await store.collection('work_orders').find({}).toArray();
    expect(orders).toHaveLength(ORDERS);
    expect(orders.filter((o) => o['status'] !== 'assigned' && o['status'] !== 'unassignable')).toEqual([]);

    // every unassignable one names its reason
    const unassignable = [...outcomes.values()]
      .map((events) => events[events.length - 1])
      .filter((e) => e.type === 'work-order.unassignable.v1');
    for (const e of unassignable) {
      const { sourceId, reason } = e.data as { sourceId: string; reason: string };
      if (Number(sourceId.slice(-3)) >= 180) expect(reason).toBe('no technician covers region glasgow');
      else
        expect(reason).toBe(
          `all 20 qualified technicians in region london are fully booked between ${busy}T08:00Z and ${busy}T17:00Z`,
        );
    }

    // the busy day is filled to capacity exactly, the quiet day takes everyone
    const assigned = orders.filter((o) => o['status'] === 'assigned');
    expect(assigned.filter((o) => o['day'] === busy)).toHaveLength(120);
    expect(assigned.filter((o) => o['day'] === quiet)).toHaveLength(20);
    expect(unassignable).toHaveLength(60);

    // never double-booked: per technician and day, no two bookings (with travel) overlap
    const calendars = await store.collection('calendar_days').find({}).toArray();
    const booked = new Map<string, string>();
    for (const day of calendars) {
      const bookings = [...(day['bookings'] as Booking[])].sort((a, b) => a.from - b.from);
      for (let i = 1; i < bookings.length; i++) {
        expect({ day: day['_id'], clash: bookings[i].from < bookings[i - 1].blockedUntil }).toEqual({
          day: day['_id'],
          clash: false,
        });
      }
      for (const b of bookings) booked.set(b.workOrderId, b.bookingId);
    }
    // one booking per assigned order, and the order points at it: nothing booked twice or orphaned
    expect(booked.size).toBe(assigned.length);
    for (const o of assigned) expect(booked.get(String(o['_id']))).toBe(o['bookingId']);
    // the outcomes alone may take up to 240 s on a loaded shared store (30 s on a quiet one)
  }, 300_000);
});
