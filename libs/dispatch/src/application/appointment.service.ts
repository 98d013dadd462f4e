import { Injectable, Logger } from '@nestjs/common';

import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import { cancelling, rescheduling } from '../domain/appointment-change.policy';
import { chosenSlotRefusal } from '../domain/slot-offer.policy';
import { Technician } from '../domain/technician';
import { Interval } from '../domain/time';
import { WorkOrder } from '../domain/work-order';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AppointmentSlots } from './appointment-slots.service';
import { AppointmentCaller } from './appointment.callers';
import { AssignmentService } from './assignment.service';
import { ManualPlacement } from './manual-placement.service';
import { SlotBooker } from './slot-booker';
import { WorkOrderEvents } from './work-order.events';

/** A window chosen from the offered ones: its technician and start (it lasts the order's duration). */
export interface ChosenSlot {
  technicianId: string;
  start: string;
}

/**
 * Customers (and staff) move and cancel appointments. A move is booked by the manual placement
 * machinery (ManualPlacement.book: the booking is conditioned on the day's version, so of two
 * customers racing for one window exactly one wins and the other hears slot-taken), after checking
 * that the window could be offered (the technician still qualifies that day). The order records it
 * with its events in one write; the old booking is then given back.
 */
@Injectable()
export class AppointmentService {
  private readonly logger = new Logger(AppointmentService.name);
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly slots: AppointmentSlots,
    private readonly placement: ManualPlacement,
    private readonly booker: SlotBooker,
    private readonly assignment: AssignmentService,
    factory: EventFactory,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  async reschedule(workOrderId: string, chosen: ChosenSlot, caller: AppointmentCaller): Promise<WorkOrderDocument> {
    await this.slots.admitted(workOrderId, caller);
    return this.placement.book(workOrderId, {
      ...chosen,
      action: 'reschedule',
      vet: (stored, technician, slot) => this.vet(caller.admit(stored, workOrderId), technician, slot),
      record: (order, assignment) => {
        const at = new Date().toISOString();
        order.take(rescheduling(order, assignment, { by: caller.by, via: caller.via, at }), at);
      },
    });
  }

  /** Cancels an open order that has not started; its slot is free again, and waiting orders of the region may take it. */
  async cancel(workOrderId: string, reason: string, caller: AppointmentCaller): Promise<WorkOrderDocument> {
    await this.slots.admitted(workOrderId, caller);
    const cancelled = await untilWritten(`work order ${workOrderId}`, async () => {
      const stored = caller.admit(await this.workOrders.get(workOrderId), workOrderId);
      const order = WorkOrder.restore(stored);
      const at = new Date().toISOString();
      order.take(cancelling(order, reason, { by: caller.by, via: caller.via, at }), at);
      if (!(await this.workOrders.save(order, this.events.of(order)))) return CONFLICT;
      return { ...stored, ...order.state };
    });
    const { technicianId, day, bookingId, releasedBookingIds } = cancelled;
    if (technicianId && day && bookingId && releasedBookingIds.includes(bookingId))
      await this.booker.release({ technicianId, day, bookingId });
    await this.retryWaiting(cancelled.region);
    return cancelled;
  }

  /** 422 naming why, for a window that could not have been offered. */
  private vet(stored: WorkOrderDocument, technician: Technician, slot: Interval): void {
    const refusal = chosenSlotRefusal(stored, technician, slot, Date.now(), this.slots.settings());
    if (!refusal) return;
    const message = `work order ${stored.workOrderId} cannot move there: ${refusal.message}`;
    throw new BusinessRuleError('slot-not-offered', message, { currentState: stored.status, why: refusal.why }, 422);
  }

  /** The cancellation stands whatever happens here: a retry failing is left to the next roster or calendar change. */
  private async retryWaiting(region: string): Promise<void> {
    try {
      await this.assignment.retryWaiting([region]);
    } catch (err) {
      this.logger.warn({ err, region }, 'waiting orders not retried after a cancellation');
    }
  }
}
