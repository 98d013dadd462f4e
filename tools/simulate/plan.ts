import { PurchaseRecorded } from '@appliance-care/contracts';

import { FAULTS, FaultScenario, Product, PRODUCTS } from './catalogue';
import { Prng } from './prng';
import { canServe, qualified, RosterTechnician, weekdayOf } from './roster';

export interface PlanSettings {
  purchases: number;
  faultRate: number;
  seed: number;
  /** makes ids unique per run against a store that keeps earlier runs (serials register once) */
  runId: string;
  /** when the simulation starts (windows are chosen from it) */
  now: number;
  /** first installation day: the first weekday at least this many days ahead (leaves the near days to visits and repairs) */
  installLeadDays: number;
  /** installations asked for per weekday across all regions (the roster's capacity, roughly) */
  installsPerDay: number;
}

/** What happens to a faulty appliance after it is installed (or bought, when not installed). */
export interface FaultPlan extends FaultScenario {
  /** the appliance reports the code on devices.faults.v1; otherwise the customer reports it over REST */
  viaDevice: boolean;
  /** the customer's answer when triage sends guidance */
  guidanceFixes: boolean;
  /** the visiting technician's finding */
  visitOutcome: 'repair-required' | 'resolved';
}

export interface PlannedItem {
  serialNumber: string;
  product: Product;
  installation: boolean;
  /** the preferred installation window asked for */
  window?: { from: string; to: string };
  fault?: FaultPlan;
}

export interface PlannedPurchase {
  index: number;
  orderId: string;
  customerId: string;
  region: string;
  data: PurchaseRecorded;
  items: PlannedItem[];
}

const DAY = 86_400_000;
const CITY: Record<string, { city: string; postalCode: string; street: string }> = {
  london: { city: 'London', postalCode: 'SW1Y 4JH', street: "St James's Square" },
  manchester: { city: 'Manchester', postalCode: 'M1 1AE', street: 'Piccadilly' },
  birmingham: { city: 'Birmingham', postalCode: 'B1 1BB', street: 'Broad Street' },
  leeds: { city: 'Leeds', postalCode: 'LS1 4DY', street: 'Park Row' },
  bristol: { city: 'Bristol', postalCode: 'BS1 4DJ', street: 'Corn Street' },
  glasgow: { city: 'Glasgow', postalCode: 'G1 1XQ', street: 'George Square' },
};
const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Tim',
  'Katherine',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Berners-Lee',
  'Johnson',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
];

const pad = (n: number, width = 6) => String(n).padStart(width, '0');
const startOfUtcDay = (t: number) => t - (t % DAY);
const isWeekday = (dayStart: number) => ![0, 6].includes(new Date(dayStart).getUTCDay());

/** The weekdays from `from` on, in order. */
export function* weekdays(from: number): Generator<number> {
  for (let day = startOfUtcDay(from); ; day += DAY) if (isWeekday(day)) yield day;
}

/** A preferred window the roster can serve: from 08:00 on one weekday to 17:00 on the next (two chances). */
export function windowFor(day: number): { from: string; to: string } {
  const next = [...take(weekdays(day + DAY), 1)][0];
  return { from: new Date(day + 8 * 3_600_000).toISOString(), to: new Date(next + 17 * 3_600_000).toISOString() };
}

function* take<T>(gen: Generator<T>, n: number): Generator<T> {
  let i = 0;
  for (const v of gen) {
    if (i++ >= n) return;
    yield v;
  }
}

/** Regions weighted by how many general technicians cover them, so demand follows capacity. */
export function regionWeights(roster: readonly RosterTechnician[]): { value: string; weight: number }[] {
  return Object.keys(CITY)
    .map((region) => ({ value: region, weight: qualified(roster, region, 'appliance-general').length }))
    .filter((r) => r.weight > 0);
}

/**
 * Every purchase of the run, decided up front from the seed: the same settings give the same
 * purchases, items, customers, windows and faults (ids differ only by the run id).
 */
export function planPurchases(settings: PlanSettings, roster: readonly RosterTechnician[]): PlannedPurchase[] {
  const rng = new Prng(settings.seed);
  const regions = regionWeights(roster);
  if (regions.length === 0) throw new Error('the roster covers none of the simulated regions');
  const customerPool = Math.max(1, Math.ceil(settings.purchases * 0.8));
  const days = weekdays(settings.now + settings.installLeadDays * DAY);
  let day = days.next().value as number;
  let bookedToday = 0;
  const bookings = new Bookings(roster);
  const run = settings.runId;
  const purchases: PlannedPurchase[] = [];

  for (let index = 1; index <= settings.purchases; index++) {
    // a returning customer keeps their region (their address)
    const customerNo = rng.int(1, customerPool);
    const customerRng = new Prng(settings.seed ^ (customerNo * 2654435761));
    const region = customerRng.weighted(regions);
    const name = `${customerRng.pick(FIRST)} ${customerRng.pick(LAST)}`;
    const customerId = `C-SIM-${run}-${pad(customerNo, 5)}`;
    const place = CITY[region];
    const orderId = `SIM-${run}-${pad(index)}`;
    const itemCount = rng.chance(0.1) ? 2 : 1;
    const items: PlannedItem[] = [];
    for (let line = 1; line <= itemCount; line++) {
      if (bookedToday >= settings.installsPerDay) {
        day = days.next().value as number;
        bookedToday = 0;
      }
      const faulty = rng.chance(settings.faultRate);
      const { product, day: installDay, slot } = chooseProduct(rng, roster, bookings, region, day, faulty);
      const installation = rng.chance(product.installationRate);
      if (installation) {
        bookedToday++;
        if (slot) bookings.book(slot, product);
      }
      const serialNumber = `SIM${run}-${product.sku.split('-')[0]}-${pad(index)}-${line}`;
      items.push({
        serialNumber,
        product,
        installation,
        window: installation ? windowFor(installDay) : undefined,
        fault: faulty ? faultPlan(rng, product, roster, region) : undefined,
      });
    }
    const purchasedAt = new Date(settings.now - rng.int(0, 3) * DAY - rng.int(0, 8 * 3600) * 1000).toISOString();
    const data: PurchaseRecorded = {
      orderId,
      purchasedAt,
      channel: rng.pick(['store', 'web', 'call-centre'] as const),
      customer: {
        id: customerId,
        name,
        email: `${customerId.toLowerCase()}@customers.example`,
        locale: customerRng.chance(0.85) ? 'en-GB' : 'de-DE',
        address: {
          line1: `${customerNo} ${place.street}`,
          city: place.city,
          postalCode: place.postalCode,
          country: 'GB',
          region,
        },
      },
      items: items.map((item, i) => ({
        lineId: String(i + 1),
        sku: item.product.sku,
        category: item.product.category,
        brand: item.product.brand,
        model: item.product.model,
        serialNumber: item.serialNumber,
        warrantyMonths: item.product.warrantyMonths,
        installation: item.window ? { required: true, preferredWindow: item.window } : { required: false },
      })),
    };
    purchases.push({ index, orderId, customerId, region, data, items });
  }
  return purchases;
}

/** Share of a technician's working day the planner books installations into (the rest: travel, visits, repairs). */
const FILL = 0.6;
const TRAVEL_MINUTES = 30;

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A technician's working minutes on a UTC day (0 when off). */
function workingMinutes(t: RosterTechnician, dayStart: number): number {
  const hours = t.workingHours[weekdayOf(dayStart)];
  return hours ? toMinutes(hours.end) - toMinutes(hours.start) : 0;
}

/**
 * Installation minutes booked per technician and day, a rough copy of what dispatch will do, so the
 * plan asks only for windows the roster can serve (technicians who cover two regions are one pool).
 */
class Bookings {
  private readonly used = new Map<string, number>();
  constructor(private readonly roster: readonly RosterTechnician[]) {}

  /** Where the installation would go in a window starting on `day`: a technician and a day with room. */
  find(region: string, product: Product, day: number): string | undefined {
    const next = [...take(weekdays(day + DAY), 1)][0];
    const need = product.installMinutes + TRAVEL_MINUTES;
    for (const d of [day, next]) {
      for (const t of qualified(this.roster, region, product.installSkill)) {
        if (!canServe([t], region, product.installSkill, d)) continue;
        const key = `${t.technicianId}|${d}`;
        const used = this.used.get(key) ?? 0;
        const minutes = workingMinutes(t, d);
        // a long job (a boiler: a whole day) fits a day nobody booked yet
        if (used + need <= minutes * FILL || (used === 0 && need <= minutes)) return key;
      }
    }
    return undefined;
  }

  book(key: string, product: Product): void {
    this.used.set(key, (this.used.get(key) ?? 0) + product.installMinutes + TRAVEL_MINUTES);
  }
}

/** Products that can break in a way the region's roster can diagnose and repair. */
const repairable = (roster: readonly RosterTechnician[], region: string) => (p: Product) =>
  (FAULTS[p.category] ?? []).some((f) => qualified(roster, region, f.skill).length > 0);

/**
 * A product and the first installation day from `day` on with room for it in the region (weighted by
 * sales among those that fit). Gives up after a quarter of a year and takes the day anyway.
 */
function chooseProduct(
  rng: Prng,
  roster: readonly RosterTechnician[],
  bookings: Bookings,
  region: string,
  day: number,
  faulty: boolean,
): { product: Product; day: number; slot?: string } {
  const candidates = PRODUCTS.filter((p) => !faulty || repairable(roster, region)(p));
  const days = weekdays(day);
  for (let tries = 0; tries < 65; tries++) {
    const d = days.next().value as number;
    const fits = candidates.flatMap((p) => {
      const slot = bookings.find(region, p, d);
      return slot ? [{ value: { product: p, day: d, slot }, weight: p.weight }] : [];
    });
    if (fits.length) return rng.weighted(fits);
  }
  return { product: rng.weighted(candidates.map((p) => ({ value: p, weight: p.weight }))), day };
}

function faultPlan(rng: Prng, product: Product, roster: readonly RosterTechnician[], region: string): FaultPlan {
  const scenarios = (FAULTS[product.category] ?? []).filter((f) => qualified(roster, region, f.skill).length > 0);
  const scenario = rng.pick(scenarios);
  return {
    ...scenario,
    viaDevice: rng.chance(0.6),
    guidanceFixes: rng.chance(0.4),
    visitOutcome: rng.chance(0.8) ? 'repair-required' : 'resolved',
  };
}
