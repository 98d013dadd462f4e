import path from 'node:path';

import { purchaseRecordedSchema } from '@appliance-care/contracts';
import { addCalendarMonths } from '@appliance-care/kernel';

import { checklistAnswers, loadMaintenancePlans, maintainedPurchase } from './maintenance';
import { parseOptions } from './options';
import { planPurchases, PlanSettings } from './plan';
import { Prng } from './prng';
import { loadRoster, qualified } from './roster';

const ROOT = path.resolve(__dirname, '../..');
const roster = loadRoster(path.join(ROOT, 'libs/dispatch/src/data/technicians.seed.json'));
const plans = loadMaintenancePlans(path.join(ROOT, 'libs/sales-installation/src/data/maintenance-plans.json'));
const NOW = Date.parse('2026-11-29T09:30:00Z');
const DAY = 86_400_000;
const settings = (over: Partial<PlanSettings> = {}): PlanSettings => ({
  purchases: 400,
  faultRate: 0.2,
  seed: 42,
  runId: 'r1',
  now: NOW,
  installLeadDays: 7,
  installsPerDay: 16,
  maintenancePlans: plans,
  ...over,
});

describe('maintenance plans', () => {
  it("reads the service's plans for the categories the shops sell: boiler and air conditioner", () => {
    expect(plans.map((p) => [p.category, p.intervalMonths, p.leadDays, p.requiredSkill]).sort()).toEqual([
      ['air-conditioner', 6, 14, 'hvac'],
      ['boiler', 12, 21, 'gas-safe'],
    ]);
    const boiler = plans.find((p) => p.category === 'boiler')!;
    expect(checklistAnswers(boiler.checklist)).toContainEqual({ item: 'flue-gas-analysis', ok: true });
  });

  it("adds calendar months as the service does (a month's end falls on the shorter month's last day)", () => {
    expect(addCalendarMonths('2026-01-31T10:00:00.000Z', 1)).toBe('2026-02-28T10:00:00.000Z');
    expect(addCalendarMonths('2027-03-31T10:00:00.000Z', -1)).toBe('2027-02-28T10:00:00.000Z');
    expect(addCalendarMonths('2025-12-01T00:00:00.000Z', 12)).toBe('2026-12-01T00:00:00.000Z');
  });

  it('dates the purchase one interval before a due date inside the lead time, also around month ends', () => {
    const nows = ['2026-11-29T09:30:00Z', '2027-03-30T23:00:00Z', '2027-02-27T12:00:00Z', '2028-08-31T06:00:00Z'];
    for (const now of nows.map(Date.parse)) {
      for (const terms of plans) {
        const rng = new Prng(7);
        for (let i = 0; i < 200; i++) {
          const { purchasedAt, dueAt } = maintainedPurchase(now, terms, rng);
          expect(addCalendarMonths(purchasedAt, terms.intervalMonths)).toBe(dueAt);
          const ahead = Date.parse(dueAt) - now;
          // due soon, not overdue: the sweeper's next round requests the visit (due − leadDays ≤ now)
          expect(ahead).toBeGreaterThanOrEqual(DAY);
          expect(ahead).toBeLessThan(terms.leadDays * DAY);
        }
      }
    }
  });
});

describe('planPurchases with maintenance and parts shortages', () => {
  it('makes about the asked share of purchases one appliance with a plan, due now, in a region that can service it', () => {
    const plan = planPurchases(settings({ maintenanceRate: 0.2 }), roster);
    const maintained = plan.filter((p) => p.items.some((i) => i.maintenance));
    expect(maintained.length / plan.length).toBeGreaterThan(0.14);
    expect(maintained.length / plan.length).toBeLessThan(0.26);
    for (const p of maintained) {
      expect(purchaseRecordedSchema.safeParse(p.data).success).toBe(true);
      expect(p.items).toHaveLength(1);
      const [item] = p.items;
      const terms = plans.find((t) => t.category === item.product.category)!;
      expect(terms).toBeDefined();
      expect(item.installation).toBe(false);
      expect(item.fault).toBeUndefined();
      expect(p.data.items[0].installation).toEqual({ required: false });
      expect(addCalendarMonths(p.data.purchasedAt, terms.intervalMonths)).toBe(item.maintenance!.dueAt);
      expect(item.maintenance!.checklist).toEqual(terms.checklist);
      expect(qualified(roster, p.region, terms.requiredSkill).length).toBeGreaterThan(0);
    }
    const serials = plan.flatMap((p) => p.items.map((i) => i.serialNumber));
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('plans exactly as before when neither maintenance nor shortages are asked for', () => {
    const before = JSON.stringify(planPurchases(settings({ maintenancePlans: undefined }), roster));
    expect(JSON.stringify(planPurchases(settings({ maintenanceRate: 0, partsShortageRate: 0 }), roster))).toBe(before);
  });

  it('marks about the asked share of faults short of parts', () => {
    const plan = planPurchases(settings({ purchases: 1000, partsShortageRate: 0.5 }), roster);
    const faults = plan.flatMap((p) => p.items.flatMap((i) => (i.fault ? [i.fault] : [])));
    const short = faults.filter((f) => f.partsShortage).length / faults.length;
    expect(short).toBeGreaterThan(0.4);
    expect(short).toBeLessThan(0.6);
  });
});

describe('parseOptions: maintenance and parts', () => {
  it('has small non-zero defaults, reads the flags, and refuses a rate outside 0..1', () => {
    const defaults = parseOptions([], {}, 'seed.json');
    expect(defaults).toMatchObject({ maintenanceRate: 0.05, partsShortageRate: 0.1, partsDeliveryMs: 5000 });
    expect(defaults.urls.parts).toBe('http://127.0.0.1:3007');
    const o = parseOptions(
      ['--maintenance-rate', '0.2', '--parts-shortage-rate=0', '--parts-delivery', '1', '--parts-url', 'http://p:9'],
      {},
      'seed.json',
    );
    expect(o).toMatchObject({ maintenanceRate: 0.2, partsShortageRate: 0, partsDeliveryMs: 1000 });
    expect(o.urls.parts).toBe('http://p:9');
    expect(() => parseOptions(['--maintenance-rate', '1.5'], {}, 'seed.json')).toThrow(/--maintenance-rate/);
    expect(() => parseOptions(['--help'], {}, 'seed.json')).toThrow(/--parts-shortage-rate \(0\.1\)/);
  });
});
