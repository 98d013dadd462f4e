import { Injectable } from '@nestjs/common';

import { canAccessCustomer, canAccessTechnician, isStaff, Principal } from '@appliance-care/auth';
import { EventEnvelope, WorkOrderAssigned, WorkOrderUnassignable } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { DiagnosticCase, isClosedCase } from '../domain/diagnostic-case';
import { KnowledgeBase } from '../domain/knowledge-base';
import { resolveVisitResult, VisitReport } from '../domain/visit-result';
import { CaseChange, CaseRepository } from '../persistence/case.repository';
import { CaseDocument, CaseHistoryEntry } from '../persistence/case.schema';
import { CaseEvents } from './case.events';
import { LocalCopies } from './local-copies.service';

/** One step of a case: what changes and the events it publishes, written together. */
interface Step extends CaseChange {
  events: EventEnvelope[];
}

const restore = (stored: CaseDocument) =>
  DiagnosticCase.restore({
    id: stored._id,
    state: stored.state,
    technicianId: stored.technicianId,
    workOrderId: stored.workOrderId,
    outcome: stored.outcome,
  });

/**
 * A case's steps after triage: the customer's answer to guidance, the visit booked by dispatch and
 * the technician's results. Each step is one conditional single-document write (on the case
 * version) carrying its events.
 */
@Injectable()
export class CaseWorkflow {
  private readonly caseEvents: CaseEvents;

  constructor(
    private readonly cases: CaseRepository,
    private readonly copies: LocalCopies,
    private readonly knowledgeBase: KnowledgeBase,
    events: EventFactory,
  ) {
    this.caseEvents = new CaseEvents(events);
  }

  /** fixed → resolved remotely; not fixed → a diagnostic visit. Repeating the same answer changes nothing. */
  async recordGuidanceOutcome(caseId: string, principal: Principal, fixed: boolean): Promise<CaseDocument> {
    return this.change(caseId, async (stored) => {
      if (!canAccessCustomer(principal, stored.customerId)) throw new NotFoundError('case', caseId);
      if (stored.guidanceOutcome?.fixed === fixed) return undefined;
      const machine = restore(stored);
      machine.recordGuidanceOutcome(fixed);
      const now = new Date();
      const answered: Step = {
        set: { state: machine.state, guidanceOutcome: { fixed, at: now.toISOString() } },
        history: [
          {
            at: now.toISOString(),
            action: fixed ? 'guidance-fixed' : 'guidance-not-fixed',
            state: machine.state,
            actor: principal.sub,
          },
        ],
        events: [],
      };
      return fixed ? this.resolvedByGuidance(stored, answered, now) : this.visitAfterGuidance(stored, answered, now);
    });
  }

  /** Dispatch booked a technician for the case's visit (or moved it to another one). */
  async visitAssigned(assigned: WorkOrderAssigned): Promise<void> {
    if (!(await this.cases.exists(assigned.sourceId)))
      throw new BusinessRuleError(
        'unknown-case',
        `work order ${assigned.workOrderId} names case ${assigned.sourceId}, which diagnostics does not know`,
      );
    await this.change(assigned.sourceId, async (stored) => {
      // a booking that arrives after the case closed is stale: nothing to schedule
      if (isClosedCase(stored.state)) return undefined;
      const machine = restore(stored);
      const change = machine.scheduleVisit(assigned.technicianId, assigned.workOrderId);
      if (change === 'unchanged') return undefined;
      const { technicianId, technicianName, workOrderId, window, reason } = assigned;
      return {
        set: { state: machine.state, technicianId, workOrderId, visitWindow: window },
        history: [
          {
            at: new Date().toISOString(),
            action: change === 'scheduled' ? 'visit-scheduled' : 'visit-reassigned',
            state: machine.state,
            actor: 'dispatch',
            note: `${technicianName} (${technicianId}), ${window.from} – ${window.to}; ${reason}`,
          },
        ],
        events: [],
      };
    });
  }

  /** Nobody could be booked: the case keeps waiting for a visit, and its history says why. */
  async visitUnassignable(data: WorkOrderUnassignable): Promise<void> {
    if (!(await this.cases.exists(data.sourceId))) return;
    await this.change(data.sourceId, async (stored) => {
      const note = `work order ${data.workOrderId}: ${data.reason}`;
      const told = stored.history.some((entry) => entry.action === 'visit-unassignable' && entry.note === note);
      if (isClosedCase(stored.state) || told) return undefined;
      const entry: CaseHistoryEntry = {
        at: new Date().toISOString(),
        action: 'visit-unassignable',
        state: stored.state,
        actor: 'dispatch',
        note,
      };
      return { set: {}, history: [entry], events: [] };
    });
  }

  /** The assigned technician's test results close the case with its diagnosis. */
  async recordResults(caseId: string, principal: Principal, report: VisitReport): Promise<CaseDocument> {
    return this.change(caseId, async (stored) => {
      this.assertAssigned(stored, principal);
      if (isSameResult(stored, principal, report)) return undefined;
      const machine = restore(stored);
      machine.recordResults(report.outcome);
      const knowledge = this.knowledgeBase.forCategory(stored.category);
      const result = resolveVisitResult(knowledge, report, stored.triage.severity, stored.errorCode);
      const now = new Date();
      const technicianId = stored.technicianId ?? principal.technicianId ?? principal.sub;
      return {
        set: {
          state: machine.state,
          outcome: result.outcome,
          result: { ...result, technicianId, recordedAt: now.toISOString() },
        },
        history: [
          {
            at: now.toISOString(),
            action: 'results-recorded',
            state: machine.state,
            actor: technicianId,
            note: `${result.outcome}: ${result.tests.length} test(s)`,
          },
        ],
        events: [this.caseEvents.completed(stored, result, now, technicianId)],
      };
    });
  }

  /** The customer's own fix worked: the case closes with the top candidate as its diagnosis. */
  private resolvedByGuidance(stored: CaseDocument, answered: Step, now: Date): Step {
    const top = stored.triage.candidates[0];
    const result = {
      outcome: 'resolved' as const,
      tests: [],
      faults: [top.fault],
      parts: [],
      severity: stored.triage.severity,
    };
    return {
      ...answered,
      set: { ...answered.set, outcome: 'resolved' },
      events: [this.caseEvents.completed(stored, result, now)],
    };
  }

  /** The customer copy may have arrived since the report: route the visit with the freshest location. */
  private async visitAfterGuidance(stored: CaseDocument, answered: Step, now: Date): Promise<Step> {
    const appliance = await this.copies.appliance(stored.applianceId);
    const location = appliance ? await this.copies.locationOf(appliance) : {};
    const region = location.region ?? stored.region;
    const address = location.address ?? stored.address;
    return {
      ...answered,
      set: { ...answered.set, region, address },
      events: [this.caseEvents.visitRequested({ ...stored, region, address }, now)],
    };
  }

  /**
   * Only the assigned technician records results; a case not assigned to them is one they cannot
   * see: 404, as reading it.
   */
  private assertAssigned(stored: CaseDocument, principal: Principal): void {
    if (isStaff(principal)) return;
    if (!stored.technicianId || !canAccessTechnician(principal, stored.technicianId))
      throw new NotFoundError('case', stored._id);
  }

  /**
   * Load, decide, write on the version read; a concurrent change makes it decide again on fresh
   * state, and one that outlasts the attempts is transient (WriteConflictError: the event is retried,
   * REST answers 503). `decide` returning undefined means the case already is as asked.
   */
  private change(caseId: string, decide: (stored: CaseDocument) => Promise<Step | undefined>): Promise<CaseDocument> {
    return untilWritten(`case ${caseId}`, async () => {
      const stored = await this.load(caseId);
      const step = await decide(stored);
      if (!step) return stored;
      if (!(await this.cases.save(caseId, stored.version, step, step.events))) return CONFLICT;
      return this.load(caseId);
    });
  }

  private async load(caseId: string): Promise<CaseDocument> {
    const stored = await this.cases.get(caseId);
    if (!stored) throw new NotFoundError('case', caseId);
    return stored;
  }
}

/** The same technician recording the same outcome again: an idempotent repeat. */
function isSameResult(stored: CaseDocument, principal: Principal, report: VisitReport): boolean {
  return (
    stored.state === 'completed' &&
    stored.result?.outcome === report.outcome &&
    stored.result.technicianId === (principal.technicianId ?? stored.technicianId)
  );
}
