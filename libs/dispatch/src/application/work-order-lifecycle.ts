import { Injectable } from '@nestjs/common';

import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';

import { WorkOrder } from '../domain/work-order';
import { WorkOrderKind, WorkOrderState } from '../domain/work-order.state';
import { BOOKED, WAITING, WorkOrderStatus } from '../domain/work-order.state-machine';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';
import { SlotBooker } from './slot-booker';
import { WorkOrderEvents } from './work-order.events';

export interface SourceRef {
  kind: WorkOrderKind;
  sourceId: string;
  /** when the source names the work order, only that one is concerned */
  workOrderId?: string;
}

const now = () => new Date().toISOString();

/** What happens to work orders when their source moves on: started, done, cancelled, failed, rescheduled. */
@Injectable()
export class WorkOrderLifecycle {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly booker: SlotBooker,
    private readonly assignment: AssignmentService,
    factory: EventFactory,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /** Frees the slot (and tells the technician) — then waiting orders in the region may take it. */
  async release(ref: SourceRef, cause: 'source-cancelled' | 'source-rescheduled', why: string): Promise<void> {
    const action = cause === 'source-cancelled' ? 'cancel' : 'release';
    const regions = new Set<string>();
    for (const stored of await this.concerned(ref, [...WAITING, ...BOOKED, 'released', 'cancelled'])) {
      const settled = await this.change(stored, (order) => {
        if (order.can(action)) order.release(cause, why, now());
      });
      // also on a redelivery: the first delivery may have stopped before the calendar was cleared
      const { technicianId, day, bookingId } = settled;
      if (bookingId && technicianId && day) {
        await this.booker.release({ technicianId, day, bookingId });
        regions.add(settled.region);
      }
    }
    if (regions.size) await this.assignment.retryWaiting([...regions]);
  }

  async start(ref: SourceRef, technicianId: string): Promise<void> {
    for (const stored of await this.concerned(ref, ['assigned']))
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
