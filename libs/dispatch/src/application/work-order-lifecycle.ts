import { Inject, Injectable } from '@nestjs/common';

import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';

import { endedVisit, endVisitIn } from '../domain/booking-changes';
import { WorkOrder } from '../domain/work-order';
import { awaitingParts, closingForReturn } from '../domain/work-order-steps';
import { WorkOrderKind, WorkOrderState } from '../domain/work-order.state';
import { BOOKED, BOOKED_NOT_STARTED, WAITING, WorkOrderStatus } from '../domain/work-order.state-machine';
import { CalendarChanges } from '../persistence/calendar-changes.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { SlotBooker } from './slot-booker';
import { WorkOrderEvents } from './work-order.events';

export interface SourceRef {
  kind: WorkOrderKind;
  sourceId: string;
  /** when the source names the work order, only that one is concerned */
  workOrderId?: string;
}

const now = () => new Date().toISOString();

/**
 * What happens to work orders when their source moves on: started, done, cancelled, failed,
 * rescheduled, or (a repair) waiting for parts.
 */
@Injectable()
export class WorkOrderLifecycle {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly booker: SlotBooker,
    private readonly assignment: AssignmentService,
    private readonly calendarChanges: CalendarChanges,
    factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /** Frees the slot (and tells the technician) — then waiting orders in the region may take it. */
  async release(ref: SourceRef, cause: 'source-cancelled' | 'source-rescheduled', why: string): Promise<void> {
    const action = cause === 'source-cancelled' ? 'cancel' : 'release';
    const regions = new Set<string>();
    for (const stored of await this.concerned(ref, [
      ...WAITING,
      ...BOOKED,
      'awaiting-parts',
      'released',
      'cancelled',
    ])) {
      const settled = await this.change(stored, (order) => {
        if (order.can(action)) order.release(cause, why, now());
      });
      // also on a redelivery: the first delivery may have stopped before the calendar was cleared
      // (only a booking the order gave up: a visit that ended for parts keeps what it used)
      const { technicianId, day, bookingId } = settled;
      if (bookingId && technicianId && day && settled.releasedBookingIds.includes(bookingId)) {
        await this.booker.release({ technicianId, day, bookingId });
        regions.add(settled.region);
      }
    }
    if (regions.size) await this.assignment.retryWaiting([...regions]);
  }

  async start(ref: SourceRef, technicianId: string): Promise<void> {
    const concerned = await this.concerned(ref, [...BOOKED_NOT_STARTED, 'awaiting-parts']);
    const booked = concerned.filter((stored) => stored.status !== 'awaiting-parts');
    // no visit booked: a repair resumed on the spot starts the visit that waited for parts again
    for (const stored of booked.length ? booked : concerned)
      await this.change(stored, (order) => {
        if (order.can('start')) order.start(technicianId, now());
      });
  }

  async complete(ref: SourceRef, technicianId?: string): Promise<void> {
    for (const stored of await this.concerned(ref, [...WAITING, ...BOOKED]))
      await this.change(stored, (order) => {
        if (order.can('complete')) order.complete(technicianId, now());
      });
  }

  /**
   * The repair's visit ended waiting for parts (`endedAt`): the order says so (the board lists it) and
   * its booking keeps only the time used, so the technician's calendar after it is free for others.
   */
  async awaitingParts(ref: SourceRef, why: string, endedAt: number): Promise<void> {
    for (const stored of await this.concerned(ref, [...BOOKED, 'awaiting-parts'])) {
      const settled = await this.change(stored, (order) => {
        if (!order.can('await-parts')) return;
        const window = order.state.window && endedVisit(order.state.window, endedAt);
        order.take(awaitingParts(order, window, why), now());
      });
      // also on a redelivery: the first delivery may have stopped before the calendar was changed
      if (settled.status === 'awaiting-parts' && (await this.giveBackUnused(settled, endedAt)))
        await this.assignment.retryWaiting([settled.region]);
    }
  }

  /**
   * What the ended visit did not use goes back to the calendar: all of it through the booker (whose
   * calendar copy follows at once) when it ended before its slot began, else the rest of the slot.
   */
  private async giveBackUnused(order: WorkOrderState, endedAt: number): Promise<boolean> {
    const { technicianId, day, bookingId, window } = order;
    if (!technicianId || !day || !bookingId || !window) return false;
    if (endedAt <= Date.parse(window.from)) {
      await this.booker.release({ technicianId, day, bookingId });
      return true;
    }
    const freed = await this.calendarChanges.rewrite(technicianId, day, (bookings) =>
      endVisitIn(bookings, bookingId, endedAt, this.settings.bufferMinutes),
    );
    return freed === 'written';
  }

  /** The visit that waited for parts is over: the return visit `returnVisitId` carries the repair on. */
  async closeForReturn(workOrderId: string, returnVisitId: string): Promise<void> {
    const stored = await this.workOrders.get(workOrderId);
    if (!stored) return;
    await this.change(stored, (order) => {
      if (order.can('return')) order.take(closingForReturn(order, returnVisitId), now());
    });
  }

  /**
   * Applies `decide` to a fresh copy until its write wins; the order as it ended up (as found when
   * `decide` left it unchanged: a redelivery, or the order already moved on).
   */
  private change(initial: WorkOrderDocument, decide: (order: WorkOrder) => void): Promise<WorkOrderState> {
    let stored: WorkOrderDocument | null = initial;
    return untilWritten(`work order ${initial._id}`, async () => {
      if (!stored) return initial;
      const order = WorkOrder.restore(stored);
      decide(order);
      if (!order.changed) return stored;
      if (await this.workOrders.save(order, this.events.of(order))) return order.state;
      stored = await this.workOrders.get(initial._id);
      return CONFLICT;
    });
  }

  private async concerned(ref: SourceRef, statuses: readonly WorkOrderStatus[]): Promise<WorkOrderDocument[]> {
    const all = await this.workOrders.bySource(ref.kind, ref.sourceId);
    return all.filter(
      (stored) => statuses.includes(stored.status) && (!ref.workOrderId || stored._id === ref.workOrderId),
    );
  }
}
