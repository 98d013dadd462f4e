import { WarrantyStatus } from '@appliance-care/contracts';

/** Warranty as it stands at the moment of the report (the last day counts as covered). */
export function warrantyAt(warrantyEndsAt: Date | string, at: Date): WarrantyStatus {
  const endsAt = new Date(warrantyEndsAt);
  return { status: at.getTime() <= endsAt.getTime() ? 'in-warranty' : 'out-of-warranty', endsAt: endsAt.toISOString() };
}
