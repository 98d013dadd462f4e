import { DiagnosticTest, Fault, Part, Severity } from '@appliance-care/contracts';
import { ValidationFailedError } from '@appliance-care/kernel';

import { CaseOutcome } from './diagnostic-case';
import { CategoryKnowledge } from './knowledge-base';
import { toFault } from './triage';

/** What the technician reports after testing the appliance. */
export interface VisitReport {
  tests: DiagnosticTest[];
  outcome: CaseOutcome;
  confirmedFault?: {
    /** a knowledge-base fault id: brings its component, skill, parts, severity and excluded cause */
    faultId?: string;
    code?: string;
    component?: string;
    description?: string;
    excludedCause?: 'misuse' | 'external-damage';
  };
  requiredSkill?: string;
  parts?: Part[];
  severity?: Severity;
  notes?: string;
}

export interface VisitResult {
  outcome: CaseOutcome;
  tests: DiagnosticTest[];
  faults: Fault[];
  parts: Part[];
  requiredSkill?: string;
  severity: Severity;
  durationMinutes?: number;
  notes?: string;
}

type KnownFault = CategoryKnowledge['faults'][number];

/**
 * Turns a technician's report into the diagnosis: a confirmed knowledge-base fault supplies the skill,
 * parts, severity and repair time unless the technician overrides them; a repair always names a fault.
 */
export function resolveVisitResult(
  knowledge: CategoryKnowledge,
  report: VisitReport,
  caseSeverity: Severity,
  reportedCode?: string,
): VisitResult {
  const confirmed = report.confirmedFault;
  const known = confirmed?.faultId ? knowledge.faults.find((f) => f.id === confirmed.faultId) : undefined;
  if (confirmed?.faultId && !known) {
    throw new ValidationFailedError(
      `confirmedFault.faultId: ${confirmed.faultId} is not a fault of ${knowledge.category} ` +
        `in knowledge base ${knowledge.version}`,
      [{ field: 'confirmedFault.faultId', message: `unknown fault for ${knowledge.category}` }],
    );
  }
  if (report.outcome === 'repair-required' && !confirmed) {
    throw new ValidationFailedError('confirmedFault: a repair needs the confirmed fault', [
      { field: 'confirmedFault', message: 'required when outcome is repair-required' },
    ]);
  }
  const fault = confirmed ? confirmedFault(confirmed, known, reportedCode) : undefined;
  const repair = report.outcome === 'repair-required';
  return {
    outcome: report.outcome,
    tests: report.tests,
    faults: fault ? [fault] : [],
    parts: repair ? (report.parts ?? known?.parts ?? []) : [],
    requiredSkill: repair ? (report.requiredSkill ?? known?.requiredSkill ?? knowledge.defaultSkill) : undefined,
    severity: report.severity ?? known?.severity ?? (report.outcome === 'no-fault-found' ? 'low' : caseSeverity),
    durationMinutes: repair ? (known?.durationMinutes ?? 60) : undefined,
    notes: report.notes,
  };
}

/** The fault as confirmed: what the technician says, completed from the knowledge base. */
function confirmedFault(
  confirmed: NonNullable<VisitReport['confirmedFault']>,
  known: KnownFault | undefined,
  reportedCode: string | undefined,
): Fault {
  const code =
    confirmed.code ??
    (reportedCode && known?.errorCodes.some((c) => c.toUpperCase() === reportedCode.toUpperCase())
      ? reportedCode
      : undefined);
  const base = known ? toFault(known, code) : undefined;
  const component = confirmed.component ?? base?.component;
  const description = confirmed.description ?? base?.description;
  if (!component || !description) {
    throw new ValidationFailedError(
      'confirmedFault: give a faultId from the knowledge base, or a component and a description',
      [{ field: 'confirmedFault', message: 'faultId, or component and description, required' }],
    );
  }
  const excludedCause = confirmed.excludedCause ?? base?.excludedCause;
  return { ...(code ? { code } : {}), component, description, ...(excludedCause ? { excludedCause } : {}) };
}
