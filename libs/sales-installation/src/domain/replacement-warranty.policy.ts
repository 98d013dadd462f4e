import { addCalendarMonths } from '@appliance-care/kernel';

/** RMA_WARRANTY: the replacement keeps the old warranty's end, or starts the original months anew. */
export const REPLACEMENT_WARRANTY_RULES = ['continue', 'restart'] as const;
export type ReplacementWarrantyRule = (typeof REPLACEMENT_WARRANTY_RULES)[number];

export interface ReplacementWarranty {
  warrantyMonths: number;
  warrantyEndsAt: string;
  reason: string;
}

/**
 * The replacement's warranty. `continue` (the default): it inherits the replaced appliance's end,
 * the customer neither gains nor loses cover. `restart`: a new warranty of the original length
 * from the replacement date (as a new unit's would run).
 */
export function replacementWarranty(
  rule: ReplacementWarrantyRule,
  replaced: { warrantyMonths: number; warrantyEndsAt: string },
  replacedAt: string,
): ReplacementWarranty {
  if (rule === 'restart') {
    const warrantyEndsAt = addCalendarMonths(replacedAt, replaced.warrantyMonths);
    return {
      warrantyMonths: replaced.warrantyMonths,
      warrantyEndsAt,
      reason: `restart: ${replaced.warrantyMonths} months from the replacement on ${replacedAt.slice(0, 10)}`,
    };
  }
  return {
    warrantyMonths: replaced.warrantyMonths,
    warrantyEndsAt: replaced.warrantyEndsAt,
    reason: `continue: the replaced appliance's warranty, until ${replaced.warrantyEndsAt.slice(0, 10)}`,
  };
}

/** The rule from RMA_WARRANTY (default continue); anything else stops the start. */
export function replacementWarrantyRule(value: string | undefined): ReplacementWarrantyRule {
  if (value === undefined || value === '') return 'continue';
  if ((REPLACEMENT_WARRANTY_RULES as readonly string[]).includes(value)) return value as ReplacementWarrantyRule;
  throw new Error(`RMA_WARRANTY must be one of ${REPLACEMENT_WARRANTY_RULES.join(', ')}; got ${value}`);
}
