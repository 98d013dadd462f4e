import { Inject, Injectable } from '@nestjs/common';

import { CONFLICT, Conflict, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { byUrgency } from '../domain/demand';
import { Technician } from '../domain/technician';
import { WorkOrder } from '../domain/work-order';
import { Assignment, ReassignRequest, WorkOrderKind } from '../domain/work-order.state';
import { BOOKED, WAITING, WorkOrderStateMachine } from '../domain/work-order.state-machine';
import { TechnicianRepository, toTechnician } from '../persistence/technician.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { OrphanBookings } from './orphan-bookings';
import { RosterCache } from './roster.cache';
import { BookingAttempt, SlotBooker } from './slot-booker';
import { UrgentBumps } from './urgent-bump.service';
import { WorkOrderEvents } from './work-order.events';

const now = () => new Date().toISOString();

/** How one try of an assignment ended: settled (written, or nothing to write), or lost a race. */
type TryOutcome = 'settled' | 'calendar-changed' | 'order-changed';

/**
 * Books technicians for work orders. The calendar booking comes first (atomic, conditioned on the
 * day's version); the work order then records it with its events in one conditional write. A
 * booking the work order never recorded (lost race, crash) is removed or, on a retry, adopted.
 * Both writes race other instances: each try decides again on fresh copies, up to
 * `maxBookingConflicts` times (calendars are hot under a burst: every decision of a region books
 * the same earliest days), then the cause is retried later (WriteConflictError, transient).
 */
@Injectable()
export class AssignmentService {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly technicians: TechnicianRepository,
    private readonly orphans: OrphanBookings,
    private readonly booker: SlotBooker,
    private readonly roster: RosterCache,
    private readonly bumps: UrgentBumps,
    factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /**
   * Assigns a waiting work order, or records (once) why nobody can take it. `created`: the order as
   * it was inserted just now (no earlier try can have left a booking behind, and no need to read it).
   * `preferred`: the technician to try first (a repair's return visit: who ordered the parts).
   */
  async assign(workOrderId: string, created?: WorkOrderDocument, preferred?: string): Promise<void> {
    let stored = created ?? (await this.workOrders.get(workOrderId));
    let fresh = created !== undefined;
    await untilWritten(
      `work order ${workOrderId}`,
      async () => {
        if (!stored || !WAITING.includes(stored.status)) return true;
        if (!fresh && (await this.orphans.adopt(stored))) return true;
        const outcome = await this.tryAssign(stored, preferred);
        if (outcome === 'settled') return true;
        if (outcome === 'order-changed') {
          // another delivery or the other instance moved it meanwhile: read it again
          stored = await this.workOrders.get(workOrderId);
          fresh = false;
        }
        return CONFLICT;
      },
      { attempts: this.settings.maxBookingConflicts + 1 },
    );
  }

  /**
   * A technician was registered or changed (here or on another instance): waiting orders of those
   * regions get another chance.
   */
  async rosterChanged(regions: readonly string[]): Promise<number> {
    this.roster.invalidate();
    return this.retryWaiting(regions);
  }

  /** Waiting orders get another chance (roster changed, a slot was freed): urgent first. */
  async retryWaiting(regions?: readonly string[]): Promise<number> {
    const waiting = regions
      ? (await Promise.all([...new Set(regions)].map((region) => this.workOrders.withStatus(WAITING, region)))).flat()
      : await this.workOrders.withStatus(WAITING);
    waiting.sort(byUrgency);
    for (const order of waiting) await this.assign(order._id);
    return waiting.length;
  }

  /** A technician turned a job down: the next qualified technician gets it, never the decliner again. */
  async declined(kind: WorkOrderKind, sourceId: string, decliner: string, note: string): Promise<void> {
    const held = (await this.workOrders.bySource(kind, sourceId)).filter(
      (stored) => stored.technicianId === decliner && WorkOrderStateMachine.can(stored.status, 'decline'),
    );
    for (const stored of held) await this.reassign(stored._id, { cause: 'declined', decliner, note });
  }

  /** Moves an open order (booked or waiting) to a technician: the dispatcher's choice, or the next qualified one. */
  reassign(workOrderId: string, request: ReassignRequest): Promise<WorkOrderDocument> {
    return untilWritten(
      `work order ${workOrderId}`,
      async () => {
        const stored = await this.workOrders.get(workOrderId);
        if (!stored) throw new NotFoundError('work order', workOrderId);
        const order = WorkOrder.restore(stored);
        const plan = order.planReassignment(request);
        if (plan.outcome === 'moot') return stored;
        if (request.declineReason)
          order.announce({
            type: 'work-order.declined.v1',
            held: order.held(),
            reason: request.declineReason,
            at: now(),
          });
        const chosen = await this.chosen(request.technicianId);
        const attempt = await this.booker.book(stored, plan.exclude, chosen);
        if (attempt.outcome === 'conflict') return CONFLICT;
        if (attempt.outcome === 'booked') return this.handOver(order, attempt.assignment, request);
        if (request.cause === 'reassigned')
          throw new BusinessRuleError(
            'no-qualified-technician',
            `cannot reassign work order ${workOrderId}: ${attempt.reason}`,
            { currentState: stored.status, reason: attempt.reason },
            422,
          );
        return this.waitWithoutBooking(order, attempt.reason, request);
      },
      { attempts: this.settings.maxBookingConflicts + 1 },
    );
  }

  /**
   * One decision and its write; a booking the order did not record is given back at once. Urgent
   * work nobody is free for may take a non-urgent order's slot (UrgentBumps).
   */
  private async tryAssign(stored: WorkOrderDocument, preferred?: string): Promise<TryOutcome> {
    const attempt = await this.bookPreferring(stored, preferred);
    if (attempt.outcome === 'conflict') return 'calendar-changed';
    if (attempt.outcome === 'unassignable' && stored.priority === 'urgent') {
      const bumped = await this.bumps.bumpFor(stored, attempt.reason);
      if (bumped !== 'none') return bumped;
    }
    const order = WorkOrder.restore(stored);
    if (attempt.outcome === 'booked') order.assign(attempt.assignment, now());
    // already waiting for this reason: the owning service was told, nothing to write
    else if (order.markUnassignable(attempt.reason, now()) === 'unchanged') return 'settled';
    if (await this.workOrders.save(order, this.events.of(order))) return 'settled';
    if (attempt.outcome === 'booked') await this.booker.release(attempt.assignment);
    return 'order-changed';
  }

  /** The preferred technician when they qualify and are free within the order's search window; else anyone. */
  private async bookPreferring(stored: WorkOrderDocument, preferred?: string): Promise<BookingAttempt> {
    const found = preferred && !stored.declinedBy.includes(preferred) && (await this.technicians.get(preferred));
    if (!found) return this.booker.book(stored, stored.declinedBy);
    const first = await this.booker.book(stored, stored.declinedBy, toTechnician(found));
    const who = `${preferred} (who ordered the parts)`;
    if (first.outcome === 'booked')
      return { ...first, assignment: { ...first.assignment, reason: `${who} first: ${first.assignment.reason}` } };
    if (first.outcome === 'conflict') return first;
    const next = await this.booker.book(stored, stored.declinedBy);
    if (next.outcome === 'conflict') return next;
    if (next.outcome === 'unassignable') return { ...next, reason: `${who}: ${first.reason}; others: ${next.reason}` };
    return {
      ...next,
      assignment: { ...next.assignment, reason: `${who}: ${first.reason}; ${next.assignment.reason}` },
    };
  }

  private async handOver(
    order: WorkOrder,
    assignment: Assignment,
    request: ReassignRequest,
  ): Promise<WorkOrderDocument | Conflict> {
    // a waiting order holds nothing yet
    const held = BOOKED.includes(order.state.status) ? order.held() : undefined;
    order.reassign(assignment, request, now());
    if (!(await this.workOrders.save(order, this.events.of(order)))) {
      await this.booker.release(assignment);
      return CONFLICT;
    }
    if (held) await this.booker.release(held);
    return this.reread(order.id);
  }

  /** The holder is released (declined, or unavailable); nobody else qualifies, so the order waits for the roster. */
  private async waitWithoutBooking(
    order: WorkOrder,
    reason: string,
    request: ReassignRequest,
  ): Promise<WorkOrderDocument | Conflict> {
    const held = order.waitUnbooked(
      request.cause === 'declined' ? 'declined' : 'unavailable',
      reason,
      request.note,
      now(),
    );
    if (!(await this.workOrders.save(order, this.events.of(order)))) return CONFLICT;
    await this.booker.release(held);
    return this.reread(order.id);
  }

  private async chosen(technicianId: string | undefined): Promise<Technician | undefined> {
    if (!technicianId) return undefined;
    const found = await this.technicians.get(technicianId);
    if (!found) throw new NotFoundError('technician', technicianId);
    return toTechnician(found);
  }

  private async reread(workOrderId: string): Promise<WorkOrderDocument> {
    const stored = await this.workOrders.get(workOrderId);
    if (!stored) throw new NotFoundError('work order', workOrderId);
    return stored;
  }
}
