import { Address } from '@appliance-care/contracts';

import { DiagnosticCase } from '../domain/diagnostic-case';
import { CategoryKnowledge } from '../domain/knowledge-base';
import { toFault, triage, TriageResult } from '../domain/triage';
import { warrantyAt } from '../domain/warranty.policy';
import { NewCase } from '../persistence/case.repository';
import { TriageRecord } from '../persistence/case.schema';
import { ApplianceCopyDocument } from '../persistence/local-copy.schema';

export interface ProblemReport {
  source: 'customer' | 'device';
  symptoms?: string;
  errorCode?: string;
  startedAt?: string;
  reportedAt: Date;
  /** who reported: a principal's sub or the device serial */
  reportedBy: string;
  /** the device fault event that opened the case */
  eventId?: string;
}

function triageRecord(result: TriageResult, errorCode?: string): TriageRecord {
  return {
    knowledgeBaseVersion: result.knowledgeBaseVersion,
    route: result.route,
    severity: result.severity,
    requiredSkill: result.requiredSkill,
    durationMinutes: result.durationMinutes,
    explanation: result.explanation,
    candidates: result.candidates.map((candidate) => ({
      faultId: candidate.fault.id,
      fault: toFault(candidate.fault, candidate.matchedCode ? errorCode : undefined),
      score: candidate.score,
      reason: candidate.reason,
      severity: candidate.fault.severity,
      requiredSkill: candidate.fault.requiredSkill,
      parts: candidate.fault.parts,
    })),
    guidance: result.route === 'guidance' ? result.top.fault.guidance : undefined,
  };
}

/** A new case, triaged against the knowledge base, with warranty and location as they stand now. */
export function openCase(
  caseId: string,
  appliance: ApplianceCopyDocument,
  location: { region?: string; address?: Address },
  report: ProblemReport,
  knowledge: CategoryKnowledge,
): NewCase {
  const result = triage(knowledge, {
    category: appliance.category,
    errorCode: report.errorCode,
    symptoms: report.symptoms,
  });
  const state = DiagnosticCase.open(caseId, result.route).state;
  const at = report.reportedAt.toISOString();
  return {
    _id: caseId,
    version: 1,
    state,
    applianceId: appliance._id,
    customerId: appliance.customerId,
    serialNumber: appliance.serialNumber,
    category: appliance.category,
    source: report.source,
    symptoms: report.symptoms,
    errorCode: report.errorCode,
    startedAt: report.startedAt ? new Date(report.startedAt).toISOString() : undefined,
    reportedAt: at,
    warranty: warrantyAt(appliance.warrantyEndsAt, report.reportedAt),
    region: location.region,
    address: location.address,
    triage: triageRecord(result, report.errorCode),
    occurrences: 1,
    lastSeenAt: at,
    recentEventIds: report.eventId ? [report.eventId] : [],
    history: [{ at, action: 'reported', state, actor: report.reportedBy, note: result.explanation }],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
}
