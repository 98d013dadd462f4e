// Appliances bought long enough ago that their first planned maintenance visit is due during the run.
import { readFileSync } from 'node:fs';

import { addCalendarMonths } from '@appliance-care/kernel';

import { DAY } from './calendar';
import { Product, PRODUCTS } from './catalogue';
import { Prng } from './prng';

/** A category's plan as the simulator needs it (libs/sales-installation/src/data/maintenance-plans.json). */
export interface MaintenanceTerms {
  category: string;
  planId: string;
  intervalMonths: number;
  leadDays: number;
  requiredSkill: string;
  checklist: string[];
}

/** What a maintained item of the plan expects: its first visit due at `dueAt`. */
export interface MaintenancePlan {
  planId: string;
  dueAt: string;
  checklist: string[];
}

interface PlansFile {
  categories: Record<
    string,
    { planId: string; intervalMonths: number; leadDays: number; requiredSkill: string; checklist: { item: string }[] }
  >;
}

/**
 * The plans file sales-installation attaches plans from (tools/ may read the service's data files,
 * not import its lib), for the categories the simulated shops sell.
 */
export function loadMaintenancePlans(file: string): MaintenanceTerms[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as PlansFile;
  const sold = new Set(PRODUCTS.map((p) => p.category));
  return Object.entries(data.categories)
    .filter(([category]) => sold.has(category))
    .map(([category, p]) => ({
      category,
      planId: p.planId,
      intervalMonths: p.intervalMonths,
      leadDays: p.leadDays,
      requiredSkill: p.requiredSkill,
      checklist: p.checklist.map((c) => c.item),
    }));
}

/**
 * A purchase date whose first visit (due one interval after it) falls 2 to leadDays − 2 days from
 * now: inside the lead time, so the sweeper requests the visit on its next round, and not overdue.
 */
export function maintainedPurchase(
  now: number,
  terms: MaintenanceTerms,
  rng: Prng,
): { purchasedAt: string; dueAt: string } {
  const aheadDays = rng.int(2, Math.max(2, terms.leadDays - 2));
  const wantedDue = new Date(now + aheadDays * DAY + rng.int(0, 6 * 3600) * 1000).toISOString();
  let purchasedAt = addCalendarMonths(wantedDue, -terms.intervalMonths);
  // a month end (31 March − 1 month = 28 February) comes back earlier: move the purchase up to land inside
  while (Date.parse(addCalendarMonths(purchasedAt, terms.intervalMonths)) < now + DAY)
    purchasedAt = new Date(Date.parse(purchasedAt) + DAY).toISOString();
  return { purchasedAt, dueAt: addCalendarMonths(purchasedAt, terms.intervalMonths) };
}

/** The sold products with a plan whose skill someone in the region has, with their terms. */
export function maintainable(
  plans: readonly MaintenanceTerms[],
  servesSkill: (skill: string) => boolean,
): { product: Product; terms: MaintenanceTerms }[] {
  return PRODUCTS.flatMap((product) => {
    const terms = plans.find((p) => p.category === product.category);
    return terms && servesSkill(terms.requiredSkill) ? [{ product, terms }] : [];
  });
}

/** The technician's answers: every item of the visit's checklist, each done. */
export const checklistAnswers = (items: readonly string[]) => items.map((item) => ({ item, ok: true }));
