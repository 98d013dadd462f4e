import { Priority, Severity } from '@appliance-care/contracts';

/** How soon a diagnostic visit is due, by severity: safety first, nuisance last. */
const VISIT_BY_SEVERITY: Record<Severity, { priority: Priority; dueWithinHours: number }> = {
  critical: { priority: 'urgent', dueWithinHours: 4 },
  high: { priority: 'high', dueWithinHours: 24 },
  medium: { priority: 'normal', dueWithinHours: 72 },
  low: { priority: 'normal', dueWithinHours: 120 },
};

export interface VisitTerms {
  priority: Priority;
  dueBy: string;
}

export function visitTerms(severity: Severity, requestedAt: Date): VisitTerms {
  const rule = VISIT_BY_SEVERITY[severity];
  return {
    priority: rule.priority,
    dueBy: new Date(requestedAt.getTime() + rule.dueWithinHours * 3_600_000).toISOString(),
  };
}
