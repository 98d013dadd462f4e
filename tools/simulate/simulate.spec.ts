import path from 'node:path';

import { purchaseRecordedSchema } from '@appliance-care/contracts';

import { parseOptions } from './options';
import { planPurchases, PlanSettings } from './plan';
import { Prng } from './prng';
import { canServe, hiredTechnicians, loadRoster, regionsOf } from './roster';
import { Tracker } from './tracker';

const roster = loadRoster(path.resolve(__dirname, '../../libs/dispatch/src/data/technicians.seed.json'));
const NOW = Date.parse('2026-11-29T09:30:00Z'); // a Sunday
const settings = (over: Partial<PlanSettings> = {}): PlanSettings => ({
  purchases: 300,
  faultRate: 0.2,
  seed: 42,
  runId: 'r1',
  now: NOW,
  installLeadDays: 7,
  installsPerDay: 16,
  ...over,
});
const DAY = 86_400_000;

describe('Prng', () => {
  it('gives the same sequence for the same seed and another for another seed, always in [0, 1)', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('planPurchases', () => {
  it('is reproducible: the same seed gives the same purchases, the run id changes only the ids', () => {
    const one = JSON.stringify(planPurchases(settings(), roster));
    expect(JSON.stringify(planPurchases(settings(), roster))).toBe(one);
    expect(JSON.stringify(planPurchases(settings({ runId: 'zz9' }), roster)).replace(/zz9/g, 'r1')).toBe(one);
    expect(JSON.stringify(planPurchases(settings({ seed: 43 }), roster))).not.toBe(one);
  });

  it('produces purchases that satisfy the contract, with unique orders and serial numbers', () => {
    const plan = planPurchases(settings(), roster);
    for (const p of plan) expect(purchaseRecordedSchema.safeParse(p.data).success).toBe(true);
    const serials = plan.flatMap((p) => p.items.map((i) => i.serialNumber));
    expect(new Set(serials).size).toBe(serials.length);
    expect(new Set(plan.map((p) => p.orderId)).size).toBe(plan.length);
  });

  it('asks for installation windows on weekdays after the lead time that a qualified technician of the region works', () => {
    const plan = planPurchases(settings(), roster);
    const installs = plan.flatMap((p) => p.items.filter((i) => i.window).map((i) => ({ p, i })));
    expect(installs.length).toBeGreaterThan(250);
    for (const { p, i } of installs) {
      const from = Date.parse(i.window!.from);
      const to = Date.parse(i.window!.to);
      expect(from).toBeGreaterThanOrEqual(NOW + 6 * DAY);
      expect([0, 6]).not.toContain(new Date(from).getUTCDay());
      const firstDay = from - (from % DAY);
      const lastDay = to - (to % DAY);
      expect(
        canServe(roster, p.region, i.product.installSkill, firstDay) ||
          canServe(roster, p.region, i.product.installSkill, lastDay),
      ).toBe(true);
    }
  });

  it('makes about the asked share of appliances faulty, each with a scenario the region can repair', () => {
    const plan = planPurchases(settings({ purchases: 1000 }), roster);
    const items = plan.flatMap((p) => p.items.map((i) => ({ region: p.region, i })));
    const faulty = items.filter((x) => x.i.fault);
    expect(faulty.length / items.length).toBeGreaterThan(0.15);
    expect(faulty.length / items.length).toBeLessThan(0.25);
    for (const { region, i } of faulty) {
      expect(
        roster.some(
          (t) => (t.homeRegion === region || t.regions.includes(region)) && t.skills.includes(i.fault!.skill),
        ),
      ).toBe(true);
    }
  });
});

describe('Tracker', () => {
  const outcome = (over: Partial<Parameters<Tracker['notification']>[0]> = {}) => ({
    eventId: 'n-ev-1',
    outcome: 'sent' as const,
    notificationId: 'N-1',
    sourceEventId: 'ev-1',
    recipientId: 'C-1',
    channel: 'email',
    at: '2026-11-29T10:00:02Z',
    ...over,
  });

  it('counts an expected notification once, a redelivered outcome event as harmless, and a second notification as a duplicate', () => {
    const t = new Tracker();
    t.expect('ev-1', '2026-11-29T10:00:00Z', [{ recipientId: 'C-1', channels: ['email', 'in-app'] }]);
    t.notification(outcome());
    t.notification(outcome()); // the broker delivered the same event again
    expect(t.notificationTotals()).toMatchObject({ expected: 2, sent: 1, duplicates: 0, redelivered: 1, lost: 1 });
    t.notification(outcome({ eventId: 'n-ev-2' })); // the same notification sent twice
    t.notification(outcome({ eventId: 'n-ev-3', notificationId: 'N-other' })); // another notification for the same event, person and channel
    expect(t.notificationTotals()).toMatchObject({ sent: 1, duplicates: 2 });
    expect(t.missing()).toEqual(['ev-1|C-1|in-app']);
    t.notification(outcome({ eventId: 'n-ev-4', notificationId: 'N-2', channel: 'in-app' }));
    expect(t.notificationTotals()).toMatchObject({ sent: 2, lost: 0 });
  });

  it('measures event → notification even when the outcome overtakes its source event', () => {
    const t = new Tracker();
    t.notification(outcome({ at: '2026-11-29T10:00:03Z' }));
    t.expect('ev-1', '2026-11-29T10:00:00Z', [{ recipientId: 'C-1', channels: ['email'] }]);
    expect(t.stageSummary().find((s) => s.stage === 'eventToNotification')).toMatchObject({
      count: 1,
      p50: 3000,
      p99: 3000,
    });
  });
});

describe('parseOptions', () => {
  it('reads the flags, takes service URLs from flags or SIM_<SERVICE>_URL, and refuses unknown or invalid flags', () => {
    const o = parseOptions(
      ['--purchases', '200', '--rate', '10', '--fault-rate', '0.2', '--seed', '5', '--repairs-url', 'http://h:1/'],
      { SIM_DIAGNOSTICS_URL: 'http://d:2' },
      'seed.json',
      NOW,
    );
    expect(o).toMatchObject({ purchases: 200, rate: 10, faultRate: 0.2, seed: 5 });
    expect(o.urls).toMatchObject({
      repairs: 'http://h:1',
      diagnostics: 'http://d:2',
      dispatch: 'http://127.0.0.1:3004',
    });
    expect(() => parseOptions(['--purchase', '2'], {}, 'seed.json')).toThrow(/unknown flag --purchase/);
    expect(() => parseOptions(['--fault-rate', '2'], {}, 'seed.json')).toThrow(/--fault-rate/);
    expect(() => parseOptions(['--run-id', 'a/b'], {}, 'seed.json')).toThrow(/--run-id/);
  });
});

describe('hiredTechnicians', () => {
  it('hires N per region with every skill of the roster, licensed, serving every region on a weekday', () => {
    const hired = hiredTechnicians(roster, 3);
    const regions = regionsOf(roster);
    expect(hired).toHaveLength(3 * regions.length);
    expect(new Set(hired.map((t) => t.technicianId)).size).toBe(hired.length);
    const monday = Date.parse('2026-11-30T00:00:00Z');
    const skills = [...new Set(roster.flatMap((t) => t.skills))];
    for (const region of regions) for (const skill of skills) expect(canServe(hired, region, skill, monday)).toBe(true);
    expect(canServe(hired, regions[0], 'gas-safe', NOW - (NOW % DAY))).toBe(false); // nobody hired works on Sunday
    expect(hiredTechnicians(roster, 0)).toEqual([]);
  });
});
