import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import {
  EventEnvelope,
  Priority,
  TimeWindow,
  WorkOrderAssigned,
  WorkOrderUnassignable,
} from '@appliance-care/contracts';
import { EventFactory, OutboxRelay, withEvents } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { ChecklistItem } from '../domain/installation-catalogue';
import { ChecklistAnswer } from '../domain/installation-checklist.policy';
import { Actor, InstallationJob, InstallationJobState, Transition, visitPriority } from '../domain/installation-job';
import { INSTALLATION_MODEL, InstallationDocument } from '../persistence/installation.schema';
import { definedOnly } from '../persistence/mongo-errors';

const JOB_FIELDS: (keyof InstallationJobState)[] = [
  'status',
  'attempt',
  'requestedAt',
  'requestReason',
  'preferredWindow',
  'assignment',
  'waitingReason',
  'startedAt',
  'completedAt',
  'checklistAnswers',
  'customerTrained',
  'notes',
  'visits',
];

export interface CompletionReport {
  checklist: ChecklistAnswer[];
  customerTrained: boolean;
  notes?: string;
}

type Stored = Omit<InstallationDocument, 'outbox' | 'outboxPending'>;

/**
 * The installation job's steps: each reads the job, asks the state machine for the next state and
 * writes it with its events in one update conditional on the version read (a concurrent step makes
 * it re-read and decide again).
 */
@Injectable()
export class InstallationWorkflow {
  constructor(
    @InjectModel(INSTALLATION_MODEL) private readonly installations: Model<InstallationDocument>,
    private readonly events: EventFactory,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  /** Dispatch booked a technician: the job is scheduled (a repeated booking changes nothing). */
  async onAssigned(order: WorkOrderAssigned): Promise<Stored> {
    const assignment = definedOnly({
      workOrderId: order.workOrderId,
      technicianId: order.technicianId,
      technicianName: order.technicianName,
      window: order.window,
    });
    return this.step(
      order.sourceId,
      (job) => job.assign(assignment as never),
      (doc, next) => [
        this.events.create(
          'installation.scheduled.v1',
          definedOnly({
            ...ref(doc),
            workOrderId: order.workOrderId,
            technicianId: order.technicianId,
            technicianName: order.technicianName,
            window: order.window,
            attempt: next.attempt,
          }) as never,
          { subject: doc.applianceId },
        ),
      ],
    );
  }

  /** Nobody can take the job yet: it waits, with dispatch's reason on the resource. */
  async onUnassignable(notice: WorkOrderUnassignable): Promise<Stored> {
    return this.step(
      notice.sourceId,
      (job) => job.waitForTechnician(notice.reason),
      () => [],
    );
  }

  async start(id: string, actor: Actor): Promise<Stored> {
    const at = new Date().toISOString();
    return this.step(
      id,
      this.as(actor, (job) => job.start(actor, at)),
      (doc, next) => [
        this.events.create(
          'installation.started.v1',
          { ...ref(doc), technicianId: next.assignment?.technicianId as string, startedAt: at },
          { subject: doc.applianceId },
        ),
      ],
    );
  }

  async complete(id: string, actor: Actor, report: CompletionReport): Promise<Stored> {
    const at = new Date().toISOString();
    let template: ChecklistItem[] = [];
    return this.step(
      id,
      this.as(actor, (job, doc) => {
        template = doc.checklist;
        return job.complete(actor, at, template, report.checklist, report.customerTrained, report.notes);
      }),
      (doc, next) => [
        this.events.create(
          'installation.completed.v1',
          definedOnly({
            ...ref(doc),
            technicianId: next.assignment?.technicianId as string,
            completedAt: at,
            checklist: next.checklistAnswers as ChecklistAnswer[],
            customerTrained: true as const,
            notes: report.notes,
          }) as never,
          { subject: doc.applianceId },
        ),
      ],
    );
  }

  /** The visit failed: installation.failed.v1 (dispatch releases the slot) and a request for the next visit. */
  async fail(id: string, actor: Actor, reason: string): Promise<Stored> {
    const at = new Date().toISOString();
    return this.step(
      id,
      this.as(actor, (job) => job.fail(actor, at, reason)),
      (doc, next) => {
        const visit = next.visits[next.visits.length - 1];
        return [
          this.events.create(
            'installation.failed.v1',
            definedOnly({
              ...ref(doc),
              technicianId: visit.technicianId as string,
              workOrderId: visit.workOrderId,
              reason,
              failedAt: at,
            }) as never,
            { subject: doc.applianceId },
          ),
          this.requested(doc, next),
        ];
      },
    );
  }

  /** The visit moves: installation.rescheduled.v1 (dispatch releases the old slot) and a request for a new one. */
  async reschedule(id: string, actor: Actor, reason: string, preferredWindow?: TimeWindow): Promise<Stored> {
    const at = new Date().toISOString();
    return this.step(
      id,
      this.as(actor, (job) => job.reschedule(actor, at, reason, preferredWindow)),
      (doc, next) => {
        const visit = next.visits[next.visits.length - 1];
        return [
          this.events.create(
            'installation.rescheduled.v1',
            definedOnly({
              ...ref(doc),
              workOrderId: visit.workOrderId,
              technicianId: visit.technicianId,
              reason,
              preferredWindow: next.preferredWindow,
              rescheduledAt: at,
            }) as never,
            { subject: doc.applianceId },
          ),
          this.requested(doc, next),
        ];
      },
    );
  }

  /**
   * A technician acts only on a job they can see, the one assigned to them: any other is answered as
   * absent (404, as reading it is), before its state is looked at; staff act on every job.
   */
  private as(
    actor: Actor,
    decide: (job: InstallationJob, doc: Stored) => Transition,
  ): (job: InstallationJob, doc: Stored) => Transition {
    return (job, doc) => {
      if (!actor.staff && (!actor.technicianId || doc.assignment?.technicianId !== actor.technicianId))
        throw new NotFoundError('installation', doc._id);
      return decide(job, doc);
    };
  }

  private requested(doc: Stored, next: InstallationJobState): EventEnvelope {
    return this.events.create(
      'installation.requested.v1',
      definedOnly({
        ...ref(doc),
        category: doc.category,
        requiredSkill: doc.requiredSkill,
        region: doc.region,
        address: doc.address,
        durationMinutes: doc.durationMinutes,
        preferredWindow: next.preferredWindow,
        priority: visitPriority(doc.priority as Priority, next.attempt),
        attempt: next.attempt,
        requestedAt: next.requestedAt,
        reason: next.requestReason,
      }) as never,
      { subject: doc.applianceId },
    );
  }

  private async step(
    id: string,
    decide: (job: InstallationJob, doc: Stored) => Transition,
    eventsFor: (doc: Stored, next: InstallationJobState) => EventEnvelope[],
  ): Promise<Stored> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const doc = await this.installations.findById(id, { outbox: 0, outboxPending: 0 }).lean<Stored>().exec();
      if (!doc) throw new NotFoundError('installation', id);
      const { state, changed } = decide(new InstallationJob(id, stateOf(doc)), doc);
      if (!changed) return doc;
      const events = eventsFor(doc, state);
      const version = doc.version + 1;
      const res = await this.installations
        .updateOne({ _id: id, version: doc.version }, withEvents(updateFor(state, version), events))
        .exec();
      if (res.matchedCount === 1) {
        if (events.length) this.relay.notify();
        return { ...doc, ...state, technicianId: state.assignment?.technicianId, version };
      }
    }
    throw new Error(`installation ${id} is being changed concurrently; retry`);
  }
}

const ref = (doc: Stored) => ({ installationId: doc._id, applianceId: doc.applianceId, customerId: doc.customerId });

export function stateOf(doc: Stored): InstallationJobState {
  const state: Partial<InstallationJobState> = {};
  for (const field of JOB_FIELDS) {
    const value = doc[field];
    if (value !== undefined && value !== null) (state as Record<string, unknown>)[field] = value;
  }
  return { ...state, visits: doc.visits ?? [] } as InstallationJobState;
}

function updateFor(state: InstallationJobState, version: number): UpdateQuery<InstallationDocument> {
  const $set: Record<string, unknown> = { version };
  const $unset: Record<string, ''> = {};
  for (const field of JOB_FIELDS) {
    if (state[field] === undefined) $unset[field] = '';
    else $set[field] = state[field];
  }
  if (state.assignment) $set['technicianId'] = state.assignment.technicianId;
  else $unset['technicianId'] = '';
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}
