import { PurchaseRecorded } from '@appliance-care/contracts';

import { Bookings, chooseProduct, FaultPlan, faultPlan } from './bookings';
import { DAY, weekdays } from './calendar';
import { Product } from './catalogue';
import { maintainable, maintainedPurchase, MaintenancePlan, MaintenanceTerms } from './maintenance';
import { Prng } from './prng';
import { qualified, RosterTechnician } from './roster';

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
  /** share of purchases that are appliances with a maintenance plan whose first visit is due now (0: none) */
  maintenanceRate?: number;
  /** share of faults whose repair needs more of a part than the van and depot hold (0: none) */
  partsShortageRate?: number;
  /** the plans of libs/sales-installation/src/data/maintenance-plans.json */
  maintenancePlans?: readonly MaintenanceTerms[];
}

export interface PlannedItem {
  serialNumber: string;
  product: Product;
  installation: boolean;
  /** the preferred installation window asked for */
  window?: { from: string; to: string };
  fault?: FaultPlan;
  /** bought long ago: its first maintenance visit falls due during the run */
  maintenance?: MaintenancePlan;
}

export interface PlannedPurchase {
  index: number;
  orderId: string;
  customerId: string;
  region: string;
  data: PurchaseRecorded;
  items: PlannedItem[];
}

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

/** A preferred window the roster can serve: from 08:00 on one weekday to 17:00 on the next (two chances). */
function windowFor(day: number): { from: string; to: string } {
  const next = weekdays(day + DAY).next().value as number;
  return { from: new Date(day + 8 * 3_600_000).toISOString(), to: new Date(next + 17 * 3_600_000).toISOString() };
}

/** Regions weighted by how many general technicians cover them, so demand follows capacity. */
function regionWeights(roster: readonly RosterTechnician[]): { value: string; weight: number }[] {
  return Object.keys(CITY)
    .map((region) => ({ value: region, weight: qualified(roster, region, 'appliance-general').length }))
    .filter((r) => r.weight > 0);
}

/** Where the plan is in the installation calendar: the day it books into and how many it booked there. */
interface DayCursor {
  days: Generator<number>;
  day: number;
  bookedToday: number;
}

interface PlanContext {
  settings: PlanSettings;
  rng: Prng;
  roster: readonly RosterTechnician[];
  bookings: Bookings;
  cursor: DayCursor;
}

/** A purchase's customer: a returning one (of a pool) keeps their region, name and address. */
function customerOf(ctx: PlanContext, regions: { value: string; weight: number }[]) {
  const customerPool = Math.max(1, Math.ceil(ctx.settings.purchases * 0.8));
  const customerNo = ctx.rng.int(1, customerPool);
  const customerRng = new Prng(ctx.settings.seed ^ (customerNo * 2654435761));
  const region = customerRng.weighted(regions);
  const name = `${customerRng.pick(FIRST)} ${customerRng.pick(LAST)}`;
  const customerId = `C-SIM-${ctx.settings.runId}-${pad(customerNo, 5)}`;
  return { customerNo, customerRng, region, name, customerId };
}

/** The order's items: a product with room to install it, the window asked for, and its fault if any. */
function planItems(ctx: PlanContext, index: number, region: string): PlannedItem[] {
  const { settings, rng, roster, bookings, cursor } = ctx;
  const itemCount = rng.chance(0.1) ? 2 : 1;
  const items: PlannedItem[] = [];
  for (let line = 1; line <= itemCount; line++) {
    if (cursor.bookedToday >= settings.installsPerDay) {
      cursor.day = cursor.days.next().value as number;
      cursor.bookedToday = 0;
    }
    const faulty = rng.chance(settings.faultRate);
    const { product, day: installDay, slot } = chooseProduct(rng, roster, bookings, region, cursor.day, faulty);
    const installation = rng.chance(product.installationRate);
    if (installation) {
      cursor.bookedToday++;
      if (slot) bookings.book(slot, product);
    }
    items.push({
      serialNumber: `SIM${settings.runId}-${product.sku.split('-')[0]}-${pad(index)}-${line}`,
      product,
      installation,
      window: installation ? windowFor(installDay) : undefined,
      fault: faulty ? faultPlan(rng, product, roster, region, settings.partsShortageRate) : undefined,
    });
  }
  return items;
}

/**
 * For a maintenanceRate share of purchases: one appliance with a plan, bought one interval ago (less a
 * few days) and installed back then, so that its first visit falls due now. None when the region has
 * nobody with a plan's skill.
 */
function maintainedItem(ctx: PlanContext, index: number, region: string) {
  const { settings, rng, roster } = ctx;
  if (!settings.maintenanceRate || !rng.chance(settings.maintenanceRate)) return undefined;
  const choices = maintainable(settings.maintenancePlans ?? [], (s) => qualified(roster, region, s).length > 0);
  if (!choices.length) return undefined;
  const { product, terms } = rng.weighted(choices.map((c) => ({ value: c, weight: c.product.weight })));
  const { purchasedAt, dueAt } = maintainedPurchase(settings.now, terms, rng);
  const item: PlannedItem = {
    serialNumber: `SIM${settings.runId}-${product.sku.split('-')[0]}-${pad(index)}-M`,
    product,
    installation: false,
    maintenance: { planId: terms.planId, dueAt, checklist: terms.checklist },
  };
  return { item, purchasedAt };
}

/** The sales system's sales.purchase.recorded.v1 data for the order. */
function purchaseData(
  ctx: PlanContext,
  orderId: string,
  customer: ReturnType<typeof customerOf>,
  items: PlannedItem[],
  boughtAt?: string,
): PurchaseRecorded {
  const { rng, settings } = ctx;
  const { customerNo, customerRng, region, name, customerId } = customer;
  const place = CITY[region];
  const purchasedAt =
    boughtAt ?? new Date(settings.now - rng.int(0, 3) * DAY - rng.int(0, 8 * 3600) * 1000).toISOString();
  return {
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
}

/**
 * Every purchase of the run, decided up front from the seed: the same settings give the same
 * purchases, items, customers, windows and faults (ids differ only by the run id).
 */
export function planPurchases(settings: PlanSettings, roster: readonly RosterTechnician[]): PlannedPurchase[] {
  const regions = regionWeights(roster);
  if (regions.length === 0) throw new Error('the roster covers none of the simulated regions');
  const days = weekdays(settings.now + settings.installLeadDays * DAY);
  const cursor: DayCursor = { days, day: days.next().value as number, bookedToday: 0 };
  const ctx: PlanContext = { settings, rng: new Prng(settings.seed), roster, bookings: new Bookings(roster), cursor };
  const purchases: PlannedPurchase[] = [];
  for (let index = 1; index <= settings.purchases; index++) {
    const customer = customerOf(ctx, regions);
    const orderId = `SIM-${settings.runId}-${pad(index)}`;
    const maintained = maintainedItem(ctx, index, customer.region);
    const items = maintained ? [maintained.item] : planItems(ctx, index, customer.region);
    const data = purchaseData(ctx, orderId, customer, items, maintained?.purchasedAt);
    purchases.push({ index, orderId, customerId: customer.customerId, region: customer.region, data, items });
  }
  return purchases;
}
