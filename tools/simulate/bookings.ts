// The plan's installation calendar: which technician and day an installation would take, so the plan
// asks only for windows the roster can serve; and which products and faults a region can look after.
import { DAY, weekdays } from './calendar';
import { FAULTS, FaultScenario, Product, PRODUCTS } from './catalogue';
import { Prng } from './prng';
import { canServe, qualified, RosterTechnician, weekdayOf } from './roster';

/** What happens to a faulty appliance after it is installed (or bought, when not installed). */
export interface FaultPlan extends FaultScenario {
  /** the appliance reports the code on devices.faults.v1; otherwise the customer reports it over REST */
  viaDevice: boolean;
  /** the customer's answer when triage sends guidance */
  guidanceFixes: boolean;
  /** the visiting technician's finding */
  visitOutcome: 'repair-required' | 'resolved';
  /** the repair needs more of its part than the technician's van and the depot hold: it waits for a purchase */
  partsShortage?: boolean;
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
export class Bookings {
  private readonly used = new Map<string, number>();
  constructor(private readonly roster: readonly RosterTechnician[]) {}

  /** Where the installation would go in a window starting on `day`: a technician and a day with room. */
  find(region: string, product: Product, day: number): string | undefined {
    const next = weekdays(day + DAY).next().value as number;
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
export function chooseProduct(
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

export function faultPlan(
  rng: Prng,
  product: Product,
  roster: readonly RosterTechnician[],
  region: string,
  shortageRate = 0,
): FaultPlan {
  const scenarios = (FAULTS[product.category] ?? []).filter((f) => qualified(roster, region, f.skill).length > 0);
  const scenario = rng.pick(scenarios);
  return {
    ...scenario,
    viaDevice: rng.chance(0.6),
    guidanceFixes: rng.chance(0.4),
    visitOutcome: rng.chance(0.8) ? 'repair-required' : 'resolved',
    // drawn only when asked for, so that a run without shortages plans as before
    ...(shortageRate > 0 ? { partsShortage: rng.chance(shortageRate) } : {}),
  };
}
