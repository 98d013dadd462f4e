import { Injectable } from '@nestjs/common';

import { EventFactory } from '@appliance-care/messaging';

import { WorkOrder } from '../domain/work-order';
import { CalendarRepository } from '../persistence/calendar.repository';
import { TechnicianRepository } from '../persistence/technician.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { SlotBooker } from './slot-booker';
import { WorkOrderEvents } from './work-order.events';

/**
 * Bookings an earlier try made for a waiting order and crashed before the order recorded them: the
 * first is adopted (the order is assigned to it), any other given back. Never one the order gave
 * up, nor one with a technician who declined it.
 */
@Injectable()
export class OrphanBookings {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly technicians: TechnicianRepository,
    private readonly calendars: CalendarRepository,
    private readonly booker: SlotBooker,
    factory: EventFactory,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  /** True when the order was assigned to a booking found in the calendars. */
  async adopt(stored: WorkOrderDocument): Promise<boolean> {
    const orphans = (await this.calendars.bookingsOf(stored._id)).filter(
      (found) =>
        found.booking.bookingId !== stored.bookingId &&
        !stored.releasedBookingIds.includes(found.booking.bookingId) &&
        !stored.declinedBy.includes(found.technicianId),
    );
    if (orphans.length === 0) return false;
    const [keep, ...extra] = orphans;
    const technician = await this.technicians.get(keep.technicianId);
    if (!technician) return false;
    const from = new Date(keep.booking.from).toISOString();
    const order = WorkOrder.restore(stored);
    order.assign(
      {
        technicianId: technician._id,
        technicianName: technician.name,
        bookingId: keep.booking.bookingId,
        window: { from, to: new Date(keep.booking.to).toISOString() },
        day: keep.day,
        reason: `earliest slot ${from.slice(0, 16)}Z (booking recovered after an interrupted assignment)`,
      },
      new Date().toISOString(),
    );
    if (!(await this.workOrders.save(order, this.events.of(order)))) return false;
    for (const orphan of extra)
      await this.booker.release({
        technicianId: orphan.technicianId,
        day: orphan.day,
        bookingId: orphan.booking.bookingId,
      });
    return true;
  }
}
