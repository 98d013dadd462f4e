import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { VisitResult } from '../domain/visit-result';
import { visitTerms } from '../domain/visit.policy';
import { CaseDocument } from '../persistence/case.schema';

/** Dispatch cannot route without a region; this one makes the gap visible instead of guessing. */
export const UNKNOWN_REGION = 'unknown';

type CaseFacts = Pick<
  CaseDocument,
  | '_id'
  | 'applianceId'
  | 'customerId'
  | 'serialNumber'
  | 'category'
  | 'source'
  | 'symptoms'
  | 'errorCode'
  | 'startedAt'
  | 'reportedAt'
  | 'warranty'
  | 'triage'
  | 'region'
  | 'address'
>;

const ref = (c: CaseFacts) => ({ caseId: c._id, applianceId: c.applianceId, customerId: c.customerId });

/** The events a case publishes, built from its stored facts. */
export class CaseEvents {
  constructor(private readonly factory: EventFactory) {}

  problemReported(c: CaseFacts): EventEnvelope {
    return this.factory.create(
      'problem.reported.v1',
      {
        ...ref(c),
        serialNumber: c.serialNumber,
        category: c.category,
        source: c.source,
        symptoms: c.symptoms,
        errorCode: c.errorCode,
        startedAt: c.startedAt,
        reportedAt: c.reportedAt,
        warranty: c.warranty,
        severity: c.triage.severity,
      },
      { subject: c.applianceId },
    );
  }

  guidanceSent(c: CaseFacts): EventEnvelope {
    const top = c.triage.candidates[0];
    return this.factory.create(
      'diagnosis.guidance-sent.v1',
      {
        ...ref(c),
        fault: top.fault,
        steps: c.triage.guidance ?? [],
        knowledgeBaseVersion: c.triage.knowledgeBaseVersion,
      },
      { subject: c.applianceId },
    );
  }

  visitRequested(c: CaseFacts, at: Date): EventEnvelope {
    const terms = visitTerms(c.triage.severity, at);
    const said = [c.errorCode ? `error code ${c.errorCode}` : undefined, c.symptoms ? `"${c.symptoms}"` : undefined]
      .filter(Boolean)
      .join(', ');
    return this.factory.create(
      'diagnosis.visit-requested.v1',
      {
        ...ref(c),
        category: c.category,
        requiredSkill: c.triage.requiredSkill,
        region: c.region ?? UNKNOWN_REGION,
        address: c.address,
        durationMinutes: c.triage.durationMinutes,
        priority: terms.priority,
        severity: c.triage.severity,
        dueBy: terms.dueBy,
        suspectedFaults: c.triage.candidates.slice(0, 3).map((candidate) => candidate.fault),
        summary:
          `${c.source === 'device' ? 'Device' : 'Customer'} reported ${said || 'a problem'}. Triage: ${c.triage.explanation}`.slice(
            0,
            1000,
          ),
        knowledgeBaseVersion: c.triage.knowledgeBaseVersion,
      },
      { subject: c.applianceId },
    );
  }

  completed(c: CaseFacts, result: VisitResult, at: Date, technicianId?: string): EventEnvelope {
    return this.factory.create(
      'diagnosis.completed.v1',
      {
        ...ref(c),
        technicianId,
        outcome: result.outcome,
        category: c.category,
        region: c.region,
        address: c.address,
        faults: result.faults,
        requiredSkill: result.requiredSkill,
        parts: result.parts,
        severity: result.severity,
        reportedAt: c.reportedAt,
        warranty: c.warranty,
        completedAt: at.toISOString(),
        durationMinutes: result.durationMinutes,
        tests: result.tests.length ? result.tests : undefined,
      },
      { subject: c.applianceId },
    );
  }
}
