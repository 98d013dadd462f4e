import { Injectable } from '@nestjs/common';

import { EventFactory, OutboxRelay } from '@appliance-care/messaging';

import { BOOKED, WAITING, WorkOrderKind, WorkOrderStatus } from '../domain/work-order';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';
import { CalendarCache } from './calendar.cache';
import { WorkOrderEvents } from './work-order.events';

export interface SourceRef {
  kind: WorkOrderKind;
  sourceId: string;
  /** when the source names the work order, only that one is concerned */
  workOrderId?: string;
}

/** What happens to work orders when their source moves on: started, done, cancelled, failed, rescheduled. */
@Injectable()
export class WorkOrderLifecycle {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly calendars: CalendarCache,
    private readonly assignment: AssignmentService,
    private readonly relay: OutboxRelay,
    factory: EventFactory,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /** Frees the slot (and tells the technician) — then waiting orders in the region may take it. */
  async release(ref: SourceRef, reason: 'source-cancelled' | 'source-rescheduled', why: string): Promise<void> {
    const final: WorkOrderStatus = reason === 'source-cancelled' ? 'cancelled' : 'released';
    const regions = new Set<string>();
    for (const wo of await this.concerned(ref, [...WAITING, ...BOOKED, 'released', 'cancelled'])) {
      let current: WorkOrderDocument | null = wo;
      while (current && [...WAITING, ...BOOKED].includes(current.status)) {
        const booked = BOOKED.includes(current.status);
        const at = new Date().toISOString();
        const events = booked ? [this.events.released(current, reason, at)] : [];
        if (
          await this.workOrders.transition(
            current._id,
            current.version,
            { status: final, reason: why },
            {
              at,
              action: final === 'cancelled' ? 'cancelled' : 'released',
              reason: why,
              technicianId: current.technicianId,
            },
            events,
            booked ? { releasedBookingIds: current.bookingId } : {},
          )
        ) {
          if (events.length) this.relay.notify();
          break;
        }
        current = await this.workOrders.get(wo._id);
      }
      // also on a redelivery: the first delivery may have stopped before the calendar was cleared
      const done = current ?? wo;
      if (done.bookingId && done.technicianId && done.day) {
        await this.calendars.release(done.technicianId, done.day, done.bookingId);
        regions.add(done.region);
      }
    }
    if (regions.size) await this.assignment.retryWaiting([...regions]);
  }

  start(ref: SourceRef, technicianId: string): Promise<void> {
    return this.move(ref, ['assigned'], 'in-progress', 'started', technicianId);
  }

  complete(ref: SourceRef, technicianId?: string): Promise<void> {
    return this.move(ref, [...WAITING, ...BOOKED], 'done', 'done', technicianId);
  }

  private async move(
    ref: SourceRef,
    from: readonly WorkOrderStatus[],
    to: WorkOrderStatus,
    action: 'started' | 'done',
    technicianId?: string,
  ): Promise<void> {
    for (const wo of await this.concerned(ref, from)) {
      let current: WorkOrderDocument | null = wo;
      while (current && from.includes(current.status)) {
        if (
          await this.workOrders.transition(
            current._id,
            current.version,
            { status: to },
            { at: new Date().toISOString(), action, technicianId },
            [],
          )
        )
          break;
        current = await this.workOrders.get(wo._id);
      }
    }
  }

  private async concerned(ref: SourceRef, statuses: readonly WorkOrderStatus[]): Promise<WorkOrderDocument[]> {
    const all = await this.workOrders.bySource(ref.kind, ref.sourceId);
    return all.filter((wo) => statuses.includes(wo.status) && (!ref.workOrderId || wo._id === ref.workOrderId));
  }
}
