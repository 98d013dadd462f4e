import { Coverage, DiagnosisCompleted, EventData } from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/kernel';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { decideCoverage } from './coverage.policy';
import { estimatedMinutes, estimateRepair } from './pricing.policy';
import { priorityFor } from './priority.policy';
import { slaDueAt } from './sla.policy';
import { ticketIdFor, TicketState } from './ticket-state';

/** Only a diagnosis that calls for a repair opens a ticket. */
function requireRepair(diagnosis: DiagnosisCompleted): void {
  if (diagnosis.outcome === 'repair-required') return;
  throw new BusinessRuleError(
    'no-repair-required',
    `case ${diagnosis.caseId} ended ${diagnosis.outcome}; no repair ticket is opened`,
  );
}

/** Dispatch assigns by region: a case that names none cannot be repaired. */
function regionOf(diagnosis: DiagnosisCompleted): string {
  const region = diagnosis.region ?? diagnosis.address?.region;
  if (region) return region;
  throw new BusinessRuleError(
    'region-unknown',
    `case ${diagnosis.caseId} names no region; dispatch cannot assign a technician`,
  );
}

/** The warranty decision; a repair the customer pays for carries its estimate. */
function coverageOf(diagnosis: DiagnosisCompleted, policy: RepairsPolicy, skill: string, minutes: number): Coverage {
  const decision = decideCoverage(diagnosis);
  if (decision.status === 'covered') return decision;
  return { ...decision, estimate: estimateRepair(policy, { parts: diagnosis.parts, skill, durationMinutes: minutes }) };
}

/** What the diagnosis found, as the ticket keeps it. */
function whatToRepair(diagnosis: DiagnosisCompleted) {
  const { caseId, applianceId, customerId, category, address, severity, faults, parts } = diagnosis;
  return { caseId, applianceId, customerId, category, address, severity, faults, parts };
}

/** The state of a ticket the diagnosis opens at `now` (version 0: not yet stored). */
export function openedState(
  diagnosis: DiagnosisCompleted,
  policy: RepairsPolicy,
  now: Date,
  correlationId: string,
): TicketState {
  requireRepair(diagnosis);
  const region = regionOf(diagnosis);
  const requiredSkill = diagnosis.requiredSkill ?? policy.defaultSkill;
  const durationMinutes = estimatedMinutes(policy, diagnosis.category, requiredSkill);
  return {
    ...whatToRepair(diagnosis),
    ticketId: ticketIdFor(diagnosis.caseId),
    region,
    requiredSkill,
    durationMinutes,
    priority: priorityFor(diagnosis.severity),
    coverage: coverageOf(diagnosis, policy, requiredSkill, durationMinutes),
    status: 'awaiting-assignment',
    technicianIds: [],
    declinedBy: [],
    openedAt: now,
    slaDueAt: slaDueAt(policy.sla, diagnosis.severity, now),
    slaWatch: true,
    slaBreached: false,
    escalated: false,
    awaitedParts: false,
    visits: 0,
    correlationId,
    version: 0,
  };
}

/** What `repair.ticket-opened.v1` tells dispatch, notifications, the portal and parts (the visit's technician: their van first). */
export function ticketOpenedData(
  state: TicketState,
  diagnosis?: Pick<DiagnosisCompleted, 'technicianId'>,
): EventData<'repair.ticket-opened.v1'> {
  return {
    ticketId: state.ticketId,
    applianceId: state.applianceId,
    customerId: state.customerId,
    caseId: state.caseId,
    category: state.category,
    requiredSkill: state.requiredSkill,
    region: state.region,
    address: state.address,
    priority: state.priority,
    severity: state.severity,
    slaDueAt: state.slaDueAt.toISOString(),
    durationMinutes: state.durationMinutes,
    coverage: state.coverage,
    faults: state.faults,
    parts: state.parts,
    openedAt: state.openedAt.toISOString(),
    diagnosedBy: diagnosis?.technicianId,
  };
}
