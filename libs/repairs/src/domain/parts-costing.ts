import { z } from 'zod';

import { PartsConsumed } from '@appliance-care/contracts';

// whole minor units (pence) so that sums never drift by binary fractions
const minor = (amount: number): number => Math.round(amount * 100);
const major = (pence: number): number => pence / 100;

export const partsCostingSchema = z.object({
  currency: z.string().length(3),
  total: z.number().nonnegative().describe("the parts used, at the catalogue's prices"),
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      unitPrice: z.number().nonnegative(),
      unitCost: z.number().nonnegative(),
    }),
  ),
  warrantyClaim: z
    .object({ total: z.number().nonnegative().describe("the same parts at the catalogue's cost") })
    .optional()
    .describe('a covered repair: what the warranty claim records for its parts'),
  consumedAt: z.string().describe('when the parts service consumed the reservation (parts.consumed.v1)'),
});
/** The parts a completed repair used, valued at the catalogue's prices (and at cost for a warranty claim). */
export type PartsCosting = z.infer<typeof partsCostingSchema>;

/**
 * The ticket's parts cost from the parts service's consumption: at price whatever the coverage (what
 * the repair's parts are worth), and, when the parts service valued them at cost (the warranty
 * covers the repair), the claim at cost.
 */
export function partsCostingOf(consumed: Pick<PartsConsumed, 'used' | 'partsValue' | 'consumedAt'>): PartsCosting {
  const lines = consumed.used.map(({ sku, name, quantity, unitPrice, unitCost }) => ({
    sku,
    name,
    quantity,
    unitPrice,
    unitCost,
  }));
  const sum = (unit: 'unitPrice' | 'unitCost') => major(lines.reduce((s, l) => s + l.quantity * minor(l[unit]), 0));
  return {
    currency: consumed.partsValue.currency,
    total: sum('unitPrice'),
    lines,
    ...(consumed.partsValue.basis === 'cost' ? { warrantyClaim: { total: sum('unitCost') } } : {}),
    consumedAt: consumed.consumedAt,
  };
}
