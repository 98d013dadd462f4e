import { z } from 'zod';

export const catalogueItemSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** what the part costs the business: warranty repairs are accounted at cost */
  unitCost: z.number().nonnegative(),
  /** what a customer pays for it on a billable repair */
  unitPrice: z.number().nonnegative(),
  currency: z.string().length(3),
  /** appliance categories and models it fits (empty: any) */
  categories: z.array(z.string().min(1)).default([]),
  models: z.array(z.string().min(1)).default([]),
  /** days a purchase takes to arrive: the expected date of a purchase request */
  leadTimeDays: z.number().int().positive().default(3),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const catalogueFileSchema = z.array(catalogueItemSchema).min(1);

/** The parts the business stocks, by sku; read from a data file at start. */
export class Catalogue {
  private readonly bySku: Map<string, CatalogueItem>;

  constructor(items: readonly CatalogueItem[]) {
    this.bySku = new Map(items.map((item) => [item.sku, item]));
  }

  static fromData(data: unknown): Catalogue {
    return new Catalogue(catalogueFileSchema.parse(data));
  }

  find(sku: string): CatalogueItem | undefined {
    return this.bySku.get(sku);
  }

  items(filter: { category?: string; model?: string } = {}): CatalogueItem[] {
    return [...this.bySku.values()].filter(
      (item) =>
        (!filter.category || item.categories.length === 0 || item.categories.includes(filter.category)) &&
        (!filter.model || item.models.length === 0 || item.models.includes(filter.model)),
    );
  }
}
