import { BusinessRuleError } from '@appliance-care/kernel';

import type { WorkOrderStep } from './work-order-steps';
import {
  Assignment,
  HeldBooking,
  PlacementOverride,
  ReassignPlan,
  ReassignRequest,
  WorkOrderEvent,
  WorkOrderHistoryAction,
  WorkOrderHistoryEntry,
  WorkOrderNotice,
  WorkOrderState,
} from './work-order.state';
import { BOOKED, BOOKED_NOT_STARTED, WorkOrderAction, WorkOrderStateMachine } from './work-order.state-machine';

const RECORDED_AS: Record<WorkOrderAction, WorkOrderHistoryAction> = {
  assign: 'assigned',
  wait: 'unassignable',
  reassign: 'reassigned',
  place: 'placed',
  decline: 'declined',
  'decline-and-wait': 'declined',
  unbook: 'released',
  release: 'released',
  cancel: 'cancelled',
  start: 'started',
  complete: 'done',
  accept: 'accepted',
  'en-route': 'en-route',
  'await-parts': 'awaiting-parts',
  return: 'done',
  reschedule: 'rescheduled',
  'cancel-appointment': 'cancelled',
};

/** The published reasons predate 'unavailable': its technician learns it as a reassignment (the note says why). */
const releaseReason = (cause: ReassignRequest['cause']): 'reassigned' | 'declined' =>
  cause === 'declined' ? 'declined' : 'reassigned';

const withNote = (note: string | undefined, reason: string) => (note ? `${note}; ${reason}` : reason);

/**
 * A technician's job for an installation, a diagnostic visit or a repair. Each decision moves it
 * once (one write): `state` is the order after it, `before` the stored one the write is conditioned
 * on, `events` what it tells the world.
 */
export class WorkOrder {
  private current: WorkOrderState;
  private readonly recorded: WorkOrderEvent[] = [];

  private constructor(readonly before: WorkOrderState) {
    this.current = before;
  }

  static restore(state: WorkOrderState): WorkOrder {
    return new WorkOrder(state);
  }

  get id(): string {
    return this.before.workOrderId;
  }

  get state(): WorkOrderState {
    return this.current;
  }

  get events(): readonly WorkOrderEvent[] {
    return this.recorded;
  }

  /** Whether a decision moved it, i.e. there is something to write. */
  get changed(): boolean {
    return this.current !== this.before;
  }

  can(action: WorkOrderAction): boolean {
    return WorkOrderStateMachine.can(this.current.status, action);
  }

  /** A waiting order gets its technician. */
  assign(assignment: Assignment, at: string): void {
    this.move('assign', at, { ...booked(assignment), reason: assignment.reason }, assignment.reason, assignment);
    this.recorded.push({ type: 'work-order.assigned.v1', assignment });
  }

  /** Nobody can take it: the owning service is told once, when it stops being pending. */
  markUnassignable(reason: string, at: string): 'recorded' | 'unchanged' {
    if (this.current.status === 'unassignable' && this.current.reason === reason) return 'unchanged';
    const first = this.current.status === 'pending';
    this.move('wait', at, { reason }, reason, {});
    if (first) this.recorded.push({ type: 'work-order.unassignable.v1', reason });
    return 'recorded';
  }

  /**
   * Who must not get the order when it moves away from its technician. A decline by someone who no
   * longer holds it is moot (a redelivery); the dispatcher may not pick the holder or a decliner.
   */
  planReassignment(request: ReassignRequest): ReassignPlan {
    const { status, technicianId, declinedBy } = this.current;
    if (request.cause !== 'reassigned' && (technicianId !== request.decliner || !BOOKED_NOT_STARTED.includes(status)))
      return { outcome: 'moot', reason: `${request.decliner} does not hold work order ${this.id}` };
    WorkOrderStateMachine.next(this.id, status, 'reassign');
    const exclude = [...new Set([...declinedBy, ...(technicianId ? [technicianId] : [])])];
    const picked = request.technicianId;
    if (picked && exclude.includes(picked)) {
      const why = picked === technicianId ? 'already holds' : 'declined';
      throw new BusinessRuleError('same-technician', `technician ${picked} ${why} work order ${this.id}`, {
        currentState: status,
      });
    }
    return { outcome: 'search', exclude };
  }

  /** Another technician takes it over (a waiting order: its first); one who held it is told it is released. */
  reassign(assignment: Assignment, request: ReassignRequest, at: string): void {
    const action = request.cause === 'declined' ? 'decline' : 'reassign';
    this.takeOver(action, assignment, request.cause, withNote(request.note, assignment.reason), at);
  }

  /** A dispatcher placed it by hand; an override of failed checks is recorded with it and announced. */
  place(assignment: Assignment, override: PlacementOverride | undefined, at: string): void {
    this.takeOver('place', assignment, 'reassigned', assignment.reason, at, override);
    if (override) this.recorded.push({ type: 'work-order.qualification-overridden.v1', assignment, override });
  }

  /** Declined, or its technician became unavailable, and nobody else qualifies: the order waits. */
  waitUnbooked(cause: 'declined' | 'unavailable', reason: string, note: string | undefined, at: string): HeldBooking {
    const held = this.held();
    const unbooked = {
      technicianId: undefined,
      technicianName: undefined,
      window: undefined,
      bookingId: undefined,
      day: undefined,
      override: undefined,
    };
    const action = cause === 'declined' ? 'decline-and-wait' : 'unbook';
    this.move(action, at, { ...unbooked, reason, ...this.giveUp(held, cause) }, withNote(note, reason), held);
    this.recorded.push(
      { type: 'work-order.released.v1', held, reason: releaseReason(cause), releasedAt: at },
      { type: 'work-order.unassignable.v1', reason },
    );
    return held;
  }

  /** The source gave the visit up (or was cancelled): a booked order tells its technician. */
  release(cause: 'source-cancelled' | 'source-rescheduled', why: string, at: string): void {
    const wasBooked = BOOKED.includes(this.current.status);
    const held = wasBooked ? this.held() : undefined;
    const fields = held
      ? { reason: why, releasedBookingIds: [...this.current.releasedBookingIds, held.bookingId] }
      : { reason: why };
    this.move(cause === 'source-cancelled' ? 'cancel' : 'release', at, fields, why, {
      technicianId: this.current.technicianId,
    });
    if (held) this.recorded.push({ type: 'work-order.released.v1', held, reason: cause, releasedAt: at });
  }

  /** A step one of work-order-steps.ts's rules decided (the technician's own, a visit ending for parts). */
  take(step: WorkOrderStep, at: string): void {
    this.move(step.action, at, step.fields ?? {}, step.reason, { technicianId: step.technicianId });
    this.recorded.push(...step.events);
  }

  /** Said first in the write of the move that follows (declined by its technician, bumped by urgent work). */
  announce(notice: WorkOrderNotice): void {
    this.recorded.push(notice);
  }

  start(technicianId: string, at: string): void {
    this.move('start', at, {}, undefined, { technicianId });
  }

  complete(technicianId: string | undefined, at: string): void {
    this.move('complete', at, {}, undefined, { technicianId });
  }

  /** The booking it holds; only a booked order has one. */
  held(): HeldBooking {
    const { technicianId, bookingId, window, day } = this.current;
    if (!technicianId || !bookingId || !window || !day)
      throw new Error(`work order ${this.id} is ${this.current.status} and holds no booking`);
    return { technicianId, bookingId, window, day };
  }

  private takeOver(
    action: 'reassign' | 'decline' | 'place',
    assignment: Assignment,
    cause: ReassignRequest['cause'],
    note: string,
    at: string,
    override?: PlacementOverride,
  ): void {
    const held = BOOKED.includes(this.current.status) ? this.held() : undefined;
    const gaveUp = held ? this.giveUp(held, cause) : {};
    this.move(action, at, { ...booked(assignment), reason: assignment.reason, override, ...gaveUp }, note, assignment);
    if (held)
      this.recorded.push({ type: 'work-order.released.v1', held, reason: releaseReason(cause), releasedAt: at });
    this.recorded.push({ type: 'work-order.assigned.v1', assignment, previousTechnicianId: held?.technicianId });
  }

  private giveUp(held: HeldBooking, cause: ReassignRequest['cause']): Partial<WorkOrderState> {
    const { releasedBookingIds, declinedBy } = this.current;
    return {
      releasedBookingIds: [...releasedBookingIds, held.bookingId],
      declinedBy: cause === 'declined' ? [...declinedBy, held.technicianId] : declinedBy,
    };
  }

  private move(
    action: WorkOrderAction,
    at: string,
    fields: Partial<WorkOrderState>,
    reason: string | undefined,
    by: { technicianId?: string },
  ): void {
    const status = WorkOrderStateMachine.next(this.id, this.current.status, action);
    const entry: WorkOrderHistoryEntry = { at, action: RECORDED_AS[action], reason, technicianId: by.technicianId };
    this.current = {
      ...this.current,
      ...fields,
      status,
      history: [...this.current.history, entry],
      version: this.before.version + 1,
      updatedAt: at,
    };
  }
}

/** The fields of an order holding this booking (also a rescheduled one's: appointment-change.policy.ts). */
export const booked = (assignment: Assignment): Partial<WorkOrderState> => ({
  technicianId: assignment.technicianId,
  technicianName: assignment.technicianName,
  window: assignment.window,
  bookingId: assignment.bookingId,
  day: assignment.day,
  override: undefined,
});
