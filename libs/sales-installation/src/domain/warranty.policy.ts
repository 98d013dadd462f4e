import { addCalendarMonths } from '@appliance-care/kernel';

/** Warranty end: purchase date + warrantyMonths (0 months: the warranty ends at purchase). */
export function warrantyEndsAt(purchasedAt: string, warrantyMonths: number): string {
  if (warrantyMonths < 0) throw new RangeError(`warranty months must not be negative, got ${warrantyMonths}`);
  return addCalendarMonths(purchasedAt, warrantyMonths);
}

export const warrantyStatus = (warrantyEndsAtIso: string, now: Date = new Date()): 'in-warranty' | 'out-of-warranty' =>
  now.getTime() < Date.parse(warrantyEndsAtIso) ? 'in-warranty' : 'out-of-warranty';
