import { z } from 'zod';

import { idString, skillSchema } from '@appliance-care/contracts';

import plansData from '../data/maintenance-plans.json';
import { ChecklistItem } from './installation-catalogue';

/** The terms of a maintenance plan, copied onto each schedule that follows it (a later edit of the file does not change them). */
export interface MaintenancePlan {
  planId: string;
  name: string;
  intervalMonths: number;
  requiredSkill: string;
  durationMinutes: number;
  /** how many days before the due date the visit is requested from dispatch */
  leadDays: number;
  checklist: ChecklistItem[];
}

const planSchema = z.strictObject({
  planId: idString,
  name: z.string().min(1),
  intervalMonths: z.number().int().positive().max(120),
  requiredSkill: skillSchema,
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  leadDays: z.number().int().min(0).max(180),
  checklist: z.array(z.strictObject({ item: z.string().min(1), label: z.string().min(1) })).min(1),
});

const plansSchema = z.object({
  categories: z.record(z.string().min(1), planSchema),
  /** a plan for one sku (or model) that differs from its category's */
  skus: z.record(z.string().min(1), planSchema).default({}),
});

type PlansData = z.infer<typeof plansSchema>;

const key = (value: string) => value.trim().toLowerCase();
/** A table looked up regardless of case and surrounding spaces (the file may write `SKU-1`, a purchase `sku-1 `). */
const tableOf = (table: Record<string, MaintenancePlan>) =>
  new Map(Object.entries(table).map(([name, plan]) => [key(name), plan]));
const own = (table: Map<string, MaintenancePlan>, name: string | undefined): MaintenancePlan | undefined =>
  name === undefined ? undefined : table.get(key(name));
const copyOf = (plan: MaintenancePlan): MaintenancePlan => ({
  ...plan,
  checklist: plan.checklist.map((c) => ({ ...c })),
});

/** The maintenance plans (data, not code): which appliances are serviced on a schedule, and how. */
export class MaintenancePlanCatalogue {
  private readonly byId = new Map<string, MaintenancePlan>();
  private readonly categories: Map<string, MaintenancePlan>;
  private readonly skus: Map<string, MaintenancePlan>;

  private constructor(data: PlansData) {
    this.categories = tableOf(data.categories);
    this.skus = tableOf(data.skus);
    for (const plan of [...Object.values(data.categories), ...Object.values(data.skus)]) {
      const known = this.byId.get(plan.planId);
      if (known && JSON.stringify(known) !== JSON.stringify(plan))
        throw new Error(`invalid maintenance plans: planId ${plan.planId} has two different definitions`);
      this.byId.set(plan.planId, plan);
    }
  }

  /** Validates the data once at start-up: a broken file must stop the service, not a registration. */
  static from(data: unknown): MaintenancePlanCatalogue {
    const parsed = plansSchema.safeParse(data);
    if (!parsed.success) throw new Error(`invalid maintenance plans: ${parsed.error.message}`);
    return new MaintenancePlanCatalogue(parsed.data);
  }

  static load(): MaintenancePlanCatalogue {
    return MaintenancePlanCatalogue.from(plansData);
  }

  /** The plan an appliance follows by default: its sku's, else its model's, else its category's; none if unlisted. */
  planFor(appliance: { category: string; sku?: string; model?: string }): MaintenancePlan | undefined {
    const plan =
      own(this.skus, appliance.sku) ?? own(this.skus, appliance.model) ?? own(this.categories, appliance.category);
    return plan && copyOf(plan);
  }

  plan(planId: string): MaintenancePlan | undefined {
    const plan = this.byId.get(planId);
    return plan && copyOf(plan);
  }

  planIds(): string[] {
    return [...this.byId.keys()];
  }
}
