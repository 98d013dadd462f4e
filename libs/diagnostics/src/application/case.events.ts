import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { VisitResult } from '../domain/visit-result';
import { visitTerms } from '../domain/visit.policy';
import { CaseDocument } from '../persistence/case.schema';

/** Dispatch cannot route without a region; this one makes the gap visible instead of guessing. */
const UNKNOWN_REGION = 'unknown';

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

const ref = (facts: CaseFacts) => ({ caseId: facts._id, applianceId: facts.applianceId, customerId: facts.customerId });

/** The events a case publishes, built from its stored facts. */
export class CaseEvents {
  constructor(private readonly factory: EventFactory) {}

  problemReported(facts: CaseFacts): EventEnvelope {
    return this.factory.create(
      'problem.reported.v1',
      {
        ...ref(facts),
        serialNumber: facts.serialNumber,
        category: facts.category,
        source: facts.source,
        symptoms: facts.symptoms,
        errorCode: facts.errorCode,
        startedAt: facts.startedAt,
        reportedAt: facts.reportedAt,
        warranty: facts.warranty,
        severity: facts.triage.severity,
      },
      { subject: facts.applianceId },
    );
  }

  guidanceSent(facts: CaseFacts): EventEnvelope {
    const top = facts.triage.candidates[0];
    return this.factory.create(
      'diagnosis.guidance-sent.v1',
      {
        ...ref(facts),
        fault: top.fault,
        steps: facts.triage.guidance ?? [],
        knowledgeBaseVersion: facts.triage.knowledgeBaseVersion,
      },
      { subject: facts.applianceId },
    );
  }

  visitRequested(facts: CaseFacts, at: Date): EventEnvelope {
    const terms = visitTerms(facts.triage.severity, at);
    const said = [
      facts.errorCode ? `error code ${facts.errorCode}` : undefined,
      facts.symptoms ? `"${facts.symptoms}"` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    const reporter = facts.source === 'device' ? 'Device' : 'Customer';
    return this.factory.create(
      'diagnosis.visit-requested.v1',
      {
        ...ref(facts),
        category: facts.category,
        requiredSkill: facts.triage.requiredSkill,
        region: facts.region ?? UNKNOWN_REGION,
        address: facts.address,
        durationMinutes: facts.triage.durationMinutes,
        priority: terms.priority,
        severity: facts.triage.severity,
        dueBy: terms.dueBy,
        suspectedFaults: facts.triage.candidates.slice(0, 3).map((candidate) => candidate.fault),
        summary: `${reporter} reported ${said || 'a problem'}. Triage: ${facts.triage.explanation}`.slice(0, 1000),
        knowledgeBaseVersion: facts.triage.knowledgeBaseVersion,
      },
      { subject: facts.applianceId },
    );
  }

  completed(facts: CaseFacts, result: VisitResult, at: Date, technicianId?: string): EventEnvelope {
    return this.factory.create(
      'diagnosis.completed.v1',
      {
        ...ref(facts),
        technicianId,
        outcome: result.outcome,
        category: facts.category,
        region: facts.region,
        address: facts.address,
        faults: result.faults,
        requiredSkill: result.requiredSkill,
        parts: result.parts,
        severity: result.severity,
        reportedAt: facts.reportedAt,
        warranty: facts.warranty,
        completedAt: at.toISOString(),
        durationMinutes: result.durationMinutes,
        tests: result.tests.length ? result.tests : undefined,
      },
      { subject: facts.applianceId },
    );
  }
}
