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

describe('Tracker: aliases and allowed notifications', () => {
  const outcome = (over: Partial<Parameters<Tracker['notification']>[0]>) => ({
    eventId: `n-${over.notificationId}`,
    outcome: 'sent' as const,
    notificationId: 'N-1',
    sourceEventId: 'ev-1',
    recipientId: 'dispatch-team',
    channel: 'email',
    at: '2026-11-29T10:00:02Z',
    ...over,
  });
  const team = { recipientId: 'dispatch-team', aliases: ['dispatch-team:leeds'], channels: ['email'] };

  it("takes a team's route as the team, also when its outcome came first, and both as one too many", () => {
    const t = new Tracker();
    t.notification(outcome({ recipientId: 'dispatch-team:leeds' })); // overtook its event
    t.expect('ev-1', '2026-11-29T10:00:00Z', [team]);
    expect(t.notificationTotals()).toMatchObject({ expected: 1, sent: 1, lost: 0, unexpected: 0, duplicates: 0 });
    t.notification(outcome({ notificationId: 'N-2' })); // the team itself as well
    expect(t.notificationTotals()).toMatchObject({ sent: 1, duplicates: 1 });
    const u = new Tracker();
    u.notification(outcome({ notificationId: 'N-3' }));
    u.notification(outcome({ notificationId: 'N-4', recipientId: 'dispatch-team:leeds' }));
    u.expect('ev-1', '2026-11-29T10:00:00Z', [team]);
    expect(u.notificationTotals()).toMatchObject({ sent: 1, duplicates: 1, lost: 0, unexpected: 0 });
  });

  it('counts an allowed notification (a reminder) when it comes, never as lost, without a latency sample', () => {
    const t = new Tracker();
    t.allow('ev-1:reminder', [{ recipientId: 'C-1', channels: ['email', 'in-app'] }]);
    expect(t.notificationTotals()).toMatchObject({ expected: 0, lost: 0, allowed: 0 });
    t.notification(outcome({ sourceEventId: 'ev-1:reminder', recipientId: 'C-1', at: '2026-11-30T10:00:00Z' }));
    expect(t.notificationTotals()).toMatchObject({ sent: 1, allowed: 1, unexpected: 0 });
    t.notification(outcome({ sourceEventId: 'ev-1:reminder', recipientId: 'C-1', notificationId: 'N-5' }));
    expect(t.notificationTotals()).toMatchObject({ duplicates: 1 });
    t.notification(outcome({ sourceEventId: 'ev-2:reminder', recipientId: 'C-1', notificationId: 'N-6' }));
    expect(t.unexpected()).toEqual(['ev-2:reminder|C-1|email']);
    expect(t.stageSummary().find((s) => s.stage === 'eventToNotification')?.count).toBe(0);
  });

  it('allows the mayAlso channels of a target without expecting them', () => {
    const t = new Tracker();
    t.expect('ev-3', '2026-11-29T10:00:00Z', [{ recipientId: 'T-9', channels: ['in-app'], mayAlso: ['email'] }]);
    expect(t.notificationTotals()).toMatchObject({ expected: 1 });
    t.notification(outcome({ sourceEventId: 'ev-3', recipientId: 'T-9', notificationId: 'N-7' }));
    expect(t.notificationTotals()).toMatchObject({ allowed: 1, unexpected: 0, lost: 1 });
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

  it('starts the system itself only when told how many instances or brokers it has', () => {
    expect(parseOptions([], {}, 'seed.json').launch).toBeUndefined();
    expect(parseOptions(['--instances', '2', '--brokers', '3'], {}, 'seed.json').launch).toEqual({
      instances: 2,
      brokers: 3,
    });
    expect(parseOptions(['--brokers', '3'], {}, 'seed.json').launch).toEqual({ instances: 1, brokers: 3 });
    expect(() => parseOptions(['--instances', '0'], {}, 'seed.json')).toThrow(/--instances/);
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
