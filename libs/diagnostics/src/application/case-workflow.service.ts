import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { canAccessCustomer, canAccessTechnician, isStaff, Principal } from '@appliance-care/auth';
import { EventEnvelope, WorkOrderAssigned, WorkOrderUnassignable } from '@appliance-care/contracts';
import { EventFactory, OutboxRelay, withEvents } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { DiagnosticCase } from '../domain/diagnostic-case';
import { KnowledgeBase } from '../domain/knowledge-base';
import { resolveVisitResult, VisitReport } from '../domain/visit-result';
import { CASE_MODEL, CaseDocument, CaseHistoryEntry, ResultRecord } from '../persistence/case.schema';
import { plain } from '../persistence/mongo-errors';
import { CaseEvents } from './case.events';
import { LocalCopies } from './local-copies.service';

interface Change {
  set: Partial<CaseDocument>;
  history: CaseHistoryEntry[];
  events: EventEnvelope[];
}

const MAX_ATTEMPTS = 5;

const restore = (c: CaseDocument) =>
  DiagnosticCase.restore({
    id: c._id,
    state: c.state,
    technicianId: c.technicianId,
    workOrderId: c.workOrderId,
    outcome: c.outcome,
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
    @InjectModel(CASE_MODEL) private readonly cases: Model<CaseDocument>,
    private readonly copies: LocalCopies,
    private readonly knowledgeBase: KnowledgeBase,
    private readonly relay: OutboxRelay,
    events: EventFactory,
  ) {
    this.caseEvents = new CaseEvents(events);
  }

  /** fixed → resolved remotely; not fixed → a diagnostic visit. Repeating the same answer changes nothing. */
  async recordGuidanceOutcome(caseId: string, principal: Principal, fixed: boolean): Promise<CaseDocument> {
    return this.change(caseId, async (c) => {
      if (!canAccessCustomer(principal, c.customerId)) throw new NotFoundError('case', caseId);
      if (c.guidanceOutcome?.fixed === fixed) return undefined;
      const machine = restore(c);
      machine.recordGuidanceOutcome(fixed);
      const now = new Date();
      const entry: CaseHistoryEntry = {
        at: now.toISOString(),
        action: fixed ? 'guidance-fixed' : 'guidance-not-fixed',
        state: machine.state,
        actor: principal.sub,
      };
      const set: Partial<CaseDocument> = { state: machine.state, guidanceOutcome: { fixed, at: now.toISOString() } };
      if (fixed) {
        const top = c.triage.candidates[0];
        const result = {
          outcome: 'resolved' as const,
          tests: [],
          faults: [top.fault],
          parts: [],
          severity: c.triage.severity,
        };
        return {
          set: { ...set, outcome: 'resolved' },
          history: [entry],
          events: [this.caseEvents.completed(c, result, now)],
        };
      }
      // the customer copy may have arrived since the report: route the visit with the freshest location
      const appliance = await this.copies.appliance(c.applianceId);
      const location = appliance ? await this.copies.locationOf(appliance) : {};
      const located = { ...c, region: location.region ?? c.region, address: location.address ?? c.address };
      return {
        set: { ...set, ...plain({ region: located.region, address: located.address }) },
        history: [entry],
        events: [this.caseEvents.visitRequested(located, now)],
      };
    });
  }

  /** Dispatch booked a technician for the case's visit (or moved it to another one). */
  async visitAssigned(assigned: WorkOrderAssigned): Promise<void> {
    const exists = await this.cases.exists({ _id: assigned.sourceId }).exec();
    if (!exists)
      throw new BusinessRuleError(
        'unknown-case',
        `work order ${assigned.workOrderId} names case ${assigned.sourceId}, which diagnostics does not know`,
      );
    await this.change(assigned.sourceId, async (c) => {
      // a booking that arrives after the case closed is stale: nothing to schedule
      if (c.state === 'completed') return undefined;
      const machine = restore(c);
      const change = machine.scheduleVisit(assigned.technicianId, assigned.workOrderId);
      if (change === 'unchanged') return undefined;
      return {
        set: {
          state: machine.state,
          technicianId: assigned.technicianId,
          workOrderId: assigned.workOrderId,
          visitWindow: assigned.window,
        },
        history: [
          {
            at: new Date().toISOString(),
            action: change === 'scheduled' ? 'visit-scheduled' : 'visit-reassigned',
            state: machine.state,
            actor: 'dispatch',
            note: `${assigned.technicianName} (${assigned.technicianId}), ${assigned.window.from} – ${assigned.window.to}; ${assigned.reason}`,
          },
        ],
        events: [],
      };
    });
  }

  /** Nobody could be booked: the case keeps waiting for a visit, and its history says why. */
  async visitUnassignable(data: WorkOrderUnassignable): Promise<void> {
    if (!(await this.cases.exists({ _id: data.sourceId }).exec())) return;
    await this.change(data.sourceId, async (c) => {
      const note = `work order ${data.workOrderId}: ${data.reason}`;
      if (c.state === 'completed' || c.history.some((h) => h.action === 'visit-unassignable' && h.note === note))
        return undefined;
      return {
        set: {},
        history: [
          { at: new Date().toISOString(), action: 'visit-unassignable', state: c.state, actor: 'dispatch', note },
        ],
        events: [],
      };
    });
  }

  /** The assigned technician's test results close the case with its diagnosis. */
  async recordResults(caseId: string, principal: Principal, report: VisitReport): Promise<CaseDocument> {
    return this.change(caseId, async (c) => {
      this.assertAssigned(c, principal);
      const machine = restore(c);
      if (
        c.state === 'completed' &&
        c.result &&
        c.result.outcome === report.outcome &&
        c.result.technicianId === (principal.technicianId ?? c.technicianId)
      )
        return undefined;
      machine.recordResults(report.outcome);
      const knowledge = this.knowledgeBase.forCategory(c.category);
      const result = resolveVisitResult(knowledge, report, c.triage.severity, c.errorCode);
      const now = new Date();
      const technicianId = c.technicianId ?? principal.technicianId ?? principal.sub;
      const record: ResultRecord = plain({ ...result, technicianId, recordedAt: now.toISOString() });
      return {
        set: { state: machine.state, outcome: result.outcome, result: record },
        history: [
          {
            at: now.toISOString(),
            action: 'results-recorded',
            state: machine.state,
            actor: technicianId,
            note: `${result.outcome}: ${result.tests.length} test(s)`,
          },
        ],
        events: [this.caseEvents.completed(c, result, now, technicianId)],
      };
    });
  }

  /** Only the assigned technician records results; a case not assigned to them is one they cannot see: 404, as reading it. */
  private assertAssigned(c: CaseDocument, principal: Principal): void {
    if (isStaff(principal)) return;
    if (!c.technicianId || !canAccessTechnician(principal, c.technicianId)) throw new NotFoundError('case', c._id);
  }

  /**
   * Load, decide, write on the version read; a concurrent change makes it decide again on fresh state.
   * `decide` returning undefined means the case already is as asked (an idempotent repeat).
   */
  private async change(
    caseId: string,
    decide: (c: CaseDocument) => Promise<Change | undefined>,
  ): Promise<CaseDocument> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const c = await this.load(caseId);
      const change = await decide(c);
      if (!change) return c;
      const update: UpdateQuery<CaseDocument> = {
        $set: { ...change.set, version: c.version + 1, updatedAt: new Date().toISOString() },
        ...(change.history.length ? { $push: { history: { $each: change.history.map((h) => plain(h)) } } } : {}),
      };
      const written = await this.cases
        .updateOne({ _id: caseId, version: c.version }, withEvents(update, change.events))
        .exec();
      if (written.modifiedCount === 1) {
        if (change.events.length) this.relay.notify();
        return this.load(caseId);
      }
    }
    throw new BusinessRuleError(
      'concurrent-update',
      `case ${caseId} is being changed by someone else; try again`,
      undefined,
      409,
    );
  }

  private async load(caseId: string): Promise<CaseDocument> {
    const doc = await this.cases.findById(caseId).lean<CaseDocument>().exec();
    if (!doc) throw new NotFoundError('case', caseId);
    return doc;
  }
}
