import { Injectable } from '@nestjs/common';

import { EventEnvelope, TimeWindow, WorkOrderAssigned, WorkOrderUnassignable } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { ChecklistAnswer } from '../domain/installation-checklist.policy';
import { Actor, InstallationJob, InstallationJobState, Transition } from '../domain/installation-job';
import { InstallationRepository, jobStateOf, StoredInstallation } from '../persistence/installation.repository';
import { installationRef, installationRequested } from './installation-events';

export interface CompletionReport {
  checklist: ChecklistAnswer[];
  customerTrained: boolean;
  notes?: string;
}

/** A job is changed by several parties at once (dispatch's events, the technician, staff): a few more tries. */
const WRITE_ATTEMPTS = 10;

type Decision = (job: InstallationJob, doc: StoredInstallation) => Transition;
type EventsOf = (doc: StoredInstallation, next: InstallationJobState) => EventEnvelope[];

const refOf = (doc: StoredInstallation) => installationRef({ ...doc, installationId: doc._id });
const lastVisit = (state: InstallationJobState) => state.visits[state.visits.length - 1];

/**
 * The installation job's steps: each reads the job, asks the state machine for the next state and
 * writes it with its events in one update conditional on the version read (a concurrent step makes
 * it re-read and decide again).
 */
@Injectable()
export class InstallationWorkflow {
  constructor(
    private readonly installations: InstallationRepository,
    private readonly events: EventFactory,
  ) {}

  /** Dispatch booked a technician: the job is scheduled (a repeated booking changes nothing). */
  async onAssigned(order: WorkOrderAssigned): Promise<StoredInstallation> {
    const { workOrderId, technicianId, technicianName, window } = order;
    return this.advance(
      order.sourceId,
      (job) => job.assign({ workOrderId, technicianId, technicianName, window }),
      (doc, next) => [
        this.events.create(
          'installation.scheduled.v1',
          { ...refOf(doc), workOrderId, technicianId, technicianName, window, attempt: next.attempt },
          { subject: doc.applianceId },
        ),
      ],
    );
  }

  /** Nobody can take the job yet: it waits, with dispatch's reason on the resource. */
  async onUnassignable(notice: WorkOrderUnassignable): Promise<StoredInstallation> {
    return this.advance(
      notice.sourceId,
      (job) => job.waitForTechnician(notice.reason),
      () => [],
    );
  }

  async start(id: string, actor: Actor): Promise<StoredInstallation> {
    const at = new Date().toISOString();
    return this.advance(
      id,
      this.ifVisibleTo(actor, (job) => job.start(actor, at)),
      (doc, next) => [
        this.events.create(
          'installation.started.v1',
          { ...refOf(doc), technicianId: assignedTechnician(next), startedAt: at },
          { subject: doc.applianceId },
        ),
      ],
    );
  }

  async complete(id: string, actor: Actor, report: CompletionReport): Promise<StoredInstallation> {
    const at = new Date().toISOString();
    const { checklist, customerTrained, notes } = report;
    return this.advance(
      id,
      this.ifVisibleTo(actor, (job, doc) => job.complete(actor, at, doc.checklist, checklist, customerTrained, notes)),
      (doc, next) => [
        this.events.create(
          'installation.completed.v1',
          {
            ...refOf(doc),
            technicianId: assignedTechnician(next),
            completedAt: at,
            // the state machine completes a job only with every item answered and the customer trained
            checklist: next.checklistAnswers ?? [],
            customerTrained: true,
            notes,
          },
          { subject: doc.applianceId },
        ),
      ],
    );
  }

  /** The visit failed: installation.failed.v1 (dispatch releases the slot) and a request for the next visit. */
  async fail(id: string, actor: Actor, reason: string): Promise<StoredInstallation> {
    const at = new Date().toISOString();
    return this.advance(
      id,
      this.ifVisibleTo(actor, (job) => job.fail(actor, at, reason)),
      (doc, next) => [
        this.events.create(
          'installation.failed.v1',
          {
            ...refOf(doc),
            // a visit fails only once a technician was assigned: the state machine refuses it before
            technicianId: lastVisit(next).technicianId as string,
            workOrderId: lastVisit(next).workOrderId,
            reason,
            failedAt: at,
          },
          { subject: doc.applianceId },
        ),
        this.nextVisitRequested(doc, next),
      ],
    );
  }

  /** The visit moves: installation.rescheduled.v1 (dispatch releases the old slot) and a request for a new one. */
  async reschedule(
    id: string,
    actor: Actor,
    reason: string,
    preferredWindow?: TimeWindow,
  ): Promise<StoredInstallation> {
    const at = new Date().toISOString();
    return this.advance(
      id,
      this.ifVisibleTo(actor, (job) => job.reschedule(actor, at, reason, preferredWindow)),
      (doc, next) => [
        this.events.create(
          'installation.rescheduled.v1',
          {
            ...refOf(doc),
            workOrderId: lastVisit(next).workOrderId,
            technicianId: lastVisit(next).technicianId,
            reason,
            preferredWindow: next.preferredWindow,
            rescheduledAt: at,
          },
          { subject: doc.applianceId },
        ),
        this.nextVisitRequested(doc, next),
      ],
    );
  }

  /**
   * A technician acts only on a job they can see, the one assigned to them: any other is answered as
   * absent (404, as reading it is), before its state is looked at; staff act on every job.
   */
  private ifVisibleTo(actor: Actor, decide: Decision): Decision {
    return (job, doc) => {
      if (!actor.staff && (!actor.technicianId || doc.assignment?.technicianId !== actor.technicianId))
        throw new NotFoundError('installation', doc._id);
      return decide(job, doc);
    };
  }

  private nextVisitRequested(doc: StoredInstallation, next: InstallationJobState): EventEnvelope {
    return installationRequested(this.events, { ...doc, installationId: doc._id }, next);
  }

  /** Load → decide → one write of the next state with its events, conditional on the version read. */
  private advance(id: string, decide: Decision, eventsOf: EventsOf): Promise<StoredInstallation> {
    return untilWritten(
      `installation ${id}`,
      async () => {
        const doc = await this.installations.find(id);
        if (!doc) throw new NotFoundError('installation', id);
        const { state, changed } = decide(new InstallationJob(id, jobStateOf(doc)), doc);
        if (!changed) return doc;
        return (await this.installations.saveState(doc, state, eventsOf(doc, state))) ?? CONFLICT;
      },
      { attempts: WRITE_ATTEMPTS },
    );
  }
}

/** Started and completed jobs have an assignee: the state machine refuses those steps without one. */
function assignedTechnician(state: InstallationJobState): string {
  if (!state.assignment) throw new Error('an installation was started or completed without an assignee');
  return state.assignment.technicianId;
}
