import { Fault, WarrantyStatus } from '@appliance-care/contracts';

export interface CoverageDecision {
  status: 'covered' | 'billable';
  reason: string;
}

export interface CoverageFacts {
  reportedAt: string;
  warranty: WarrantyStatus;
  faults: readonly Fault[];
}

/**
 * Covered when the problem was reported before the warranty ended and no fault has a cause the
 * warranty excludes (misuse, external damage); otherwise the customer pays.
 */
export function decideCoverage({ reportedAt, warranty, faults }: CoverageFacts): CoverageDecision {
  const reported = Date.parse(reportedAt);
  const ends = Date.parse(warranty.endsAt);
  if (!(reported < ends)) {
    return { status: 'billable', reason: `out of warranty: reported ${reportedAt}, warranty ended ${warranty.endsAt}` };
  }
  const excluded = faults.filter((f) => f.excludedCause);
  if (excluded.length > 0) {
    const causes = excluded.map((f) => `${f.excludedCause} (${f.component})`).join(', ');
    return { status: 'billable', reason: `cause excluded from warranty: ${causes}` };
  }
  return { status: 'covered', reason: `in warranty until ${warranty.endsAt}` };
}
