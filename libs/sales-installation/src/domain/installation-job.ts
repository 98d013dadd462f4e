import { Priority, TimeWindow } from '@appliance-care/contracts';
import { ForbiddenError, InvalidTransitionError } from '@appliance-care/kernel';

import { Cancellation, cancellationVerdict } from './installation-cancellation.policy';
import { ChecklistItem } from './installation-catalogue';
import { checkCompletion, ChecklistAnswer } from './installation-checklist.policy';

export const INSTALLATION_STATUSES = [
  'requested',
  'awaiting-technician',
  'scheduled',
  'in-progress',
  'completed',
  'cancelled',
] as const;
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number];

export interface Assignment {
  workOrderId: string;
  technicianId: string;
  technicianName?: string;
  window: TimeWindow;
}

/** A visit that did not take place or did not end the job, kept so the job's history stays readable. */
export interface VisitRecord {
  attempt: number;
  outcome: 'failed' | 'rescheduled' | 'cancelled';
  reason: string;
  at: string;
  /** who cancelled the appointment (outcome cancelled) */
  by?: Cancellation['by'];
  technicianId?: string;
  workOrderId?: string;
  window?: TimeWindow;
}

export interface InstallationJobState {
  status: InstallationStatus;
  /** 1 for the first visit, +1 for each failed or rescheduled one */
  attempt: number;
  requestedAt: string;
  requestReason?: string;
  preferredWindow?: TimeWindow;
  assignment?: Assignment;
  /** why dispatch could not assign a technician yet (status awaiting-technician) */
  waitingReason?: string;
  startedAt?: string;
  completedAt?: string;
  checklistAnswers?: ChecklistAnswer[];
  customerTrained?: boolean;
  notes?: string;
  visits: VisitRecord[];
}

/** Who acts on a job: the assigned technician, or staff (dispatcher/admin) on anyone's behalf. */
export interface Actor {
  technicianId?: string;
  staff: boolean;
}

export interface Transition {
  state: InstallationJobState;
  changed: boolean;
}

/** A visit asked for again (after a failure or a reschedule) goes ahead of first visits. */
export const visitPriority = (base: Priority, attempt: number): Priority =>
  attempt > 1 && base === 'normal' ? 'high' : base;

const unchanged = (state: InstallationJobState): Transition => ({ state, changed: false });
const changed = (state: InstallationJobState): Transition => ({ state, changed: true });

const sameWindow = (a?: TimeWindow, b?: TimeWindow) => a?.from === b?.from && a?.to === b?.to;

/**
 * The installation job's life: requested → scheduled (or awaiting-technician until dispatch finds
 * one) → in-progress → completed; a failed or rescheduled visit sends it back to requested with the
 * next attempt. Pure: it returns the next state and whether anything changed, and refuses an
 * invalid step with the current state.
 */
export class InstallationJob {
  constructor(
    readonly id: string,
    readonly state: InstallationJobState,
  ) {}

  private refuse(action: string): never {
    throw new InvalidTransitionError('installation', this.id, this.state.status, action);
  }

  /**
   * Who may act comes before what state the job is in: a technician who is not the assignee (or
   * when nobody is assigned yet) is refused with 403 and learns nothing of the job's state.
   */
  private ensureMayAct(actor: Actor): void {
    if (actor.staff) return;
    const assignment = this.state.assignment;
    if (!assignment) throw new ForbiddenError(`installation ${this.id} is not assigned to you`);
    if (actor.technicianId !== assignment.technicianId)
      throw new ForbiddenError(`installation ${this.id} is assigned to another technician`);
  }

  private assignmentFor(action: string): Assignment {
    const assignment = this.state.assignment;
    if (!assignment) this.refuse(action);
    return assignment;
  }

  /** Dispatch booked a technician (again, if it reassigned): a repeat of the same booking changes nothing. */
  assign(assignment: Assignment): Transition {
    const state = this.state;
    const current = state.assignment;
    const same =
      current !== undefined &&
      current.workOrderId === assignment.workOrderId &&
      current.technicianId === assignment.technicianId &&
      sameWindow(current.window, assignment.window);
    if (same) return unchanged(state);
    // a booking that arrives after the job was cancelled is stale: nothing to schedule
    if (state.status === 'cancelled') return unchanged(state);
    if (state.status === 'in-progress' || state.status === 'completed') this.refuse('be assigned another technician');
    return changed({ ...state, status: 'scheduled', assignment: { ...assignment }, waitingReason: undefined });
  }

  /** No technician could be found yet: the job waits, with the reason, for a later assignment. */
  waitForTechnician(reason: string): Transition {
    const state = this.state;
    if (state.status !== 'requested' && state.status !== 'awaiting-technician') return unchanged(state);
    if (state.status === 'awaiting-technician' && state.waitingReason === reason) return unchanged(state);
    return changed({ ...state, status: 'awaiting-technician', waitingReason: reason });
  }

  start(actor: Actor, at: string): Transition {
    this.ensureMayAct(actor);
    if (this.state.status !== 'scheduled') this.refuse('start');
    this.assignmentFor('start');
    return changed({ ...this.state, status: 'in-progress', startedAt: at });
  }

  complete(
    actor: Actor,
    at: string,
    template: ChecklistItem[],
    answers: ChecklistAnswer[],
    customerTrained: boolean,
    notes?: string,
  ): Transition {
    this.ensureMayAct(actor);
    if (this.state.status !== 'in-progress') this.refuse('complete');
    this.assignmentFor('complete');
    const checklistAnswers = checkCompletion(template, answers, customerTrained);
    return changed({
      ...this.state,
      status: 'completed',
      completedAt: at,
      checklistAnswers,
      customerTrained: true,
      notes,
    });
  }

  /** The visit did not succeed: the job asks for another visit (next attempt). */
  fail(actor: Actor, at: string, reason: string): Transition {
    this.ensureMayAct(actor);
    if (this.state.status !== 'scheduled' && this.state.status !== 'in-progress') this.refuse('fail');
    const assignment = this.assignmentFor('fail');
    return this.nextAttempt(
      { attempt: this.state.attempt, outcome: 'failed', reason, at, ...visitOf(assignment) },
      at,
      `previous visit failed: ${reason}`,
    );
  }

  /** The booked (or awaited) visit is given up for another time: its slot is released, a new visit requested. */
  reschedule(actor: Actor, at: string, reason: string, preferredWindow?: TimeWindow): Transition {
    const state = this.state;
    if (!state.assignment && !actor.staff)
      throw new ForbiddenError(`installation ${this.id} has no technician yet; only a dispatcher can reschedule it`);
    this.ensureMayAct(actor);
    if (state.status !== 'requested' && state.status !== 'awaiting-technician' && state.status !== 'scheduled')
      this.refuse('be rescheduled');
    const next = this.nextAttempt(
      { attempt: state.attempt, outcome: 'rescheduled', reason, at, ...visitOf(state.assignment) },
      at,
      `rescheduled: ${reason}`,
    );
    return changed({ ...next.state, preferredWindow: preferredWindow ?? state.preferredWindow });
  }

  /** The appointment was cancelled: the job ends, its booking kept in its visits (see cancellationVerdict). */
  cancel(cancellation: Cancellation): Transition {
    const state = this.state;
    if (!cancellationVerdict(state, cancellation.workOrderId).cancel) return unchanged(state);
    const { by, reason, at } = cancellation;
    return changed({
      ...state,
      status: 'cancelled',
      assignment: undefined,
      waitingReason: undefined,
      visits: [
        ...state.visits,
        { attempt: state.attempt, outcome: 'cancelled', reason, at, by, ...visitOf(state.assignment) },
      ],
    });
  }

  private nextAttempt(visit: VisitRecord, at: string, requestReason: string): Transition {
    const state = this.state;
    return changed({
      ...state,
      status: 'requested',
      attempt: state.attempt + 1,
      requestedAt: at,
      requestReason,
      assignment: undefined,
      waitingReason: undefined,
      startedAt: undefined,
      visits: [...state.visits, visit],
    });
  }
}

function visitOf(assignment?: Assignment): Pick<VisitRecord, 'technicianId' | 'workOrderId' | 'window'> {
  return assignment
    ? { technicianId: assignment.technicianId, workOrderId: assignment.workOrderId, window: assignment.window }
    : {};
}
