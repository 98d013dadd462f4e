import { Inject, Injectable } from '@nestjs/common';

import { NotFoundError } from '@appliance-care/platform';

import { byUrgency, deadlineOf } from '../domain/demand';
import { WAITING } from '../domain/work-order.state-machine';
import { CalendarRepository } from '../persistence/calendar.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { Board, toView, WorkOrderView } from './dispatch.views';

@Injectable()
export class WorkOrderQueries {
  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly calendars: CalendarRepository,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  async get(id: string): Promise<WorkOrderDocument> {
    const found = await this.workOrders.get(id);
    if (!found) throw new NotFoundError('work order', id);
    return found;
  }

  /** What the technician's calendar holds between two days (inclusive), in time order. */
  async ofTechnician(technicianId: string, fromDay: string, toDay: string): Promise<WorkOrderView[]> {
    const days = await this.calendars.range(technicianId, fromDay, toDay);
    const bookings = days.flatMap((calendar) => calendar.bookings).sort((a, b) => a.from - b.from);
    const found = await this.workOrders.many(bookings.map((booking) => booking.workOrderId));
    const orders = new Map(found.map((order) => [order._id, order]));
    // a booking the order no longer points at is being released: not the technician's any more
    return bookings.flatMap((booking) => {
      const order = orders.get(booking.workOrderId);
      return order?.bookingId === booking.bookingId && order.technicianId === technicianId ? [toView(order)] : [];
    });
  }

  /** The dispatcher's board: work nobody could take (with why), and booked or waiting work due soon and not started. */
  async board(withinHours = this.settings.atRiskHours, now = Date.now()): Promise<Board> {
    const waiting = (await this.workOrders.withStatus(WAITING)).sort(byUrgency);
    const booked = await this.workOrders.withStatus(['assigned']);
    const limit = now + withinHours * 3_600_000;
    const atRisk = [...waiting, ...booked]
      .filter((order) => (deadlineOf(order) ?? Infinity) <= limit)
      .sort(byUrgency)
      .map((order) => ({
        ...toView(order),
        dueAt: new Date(deadlineOf(order) as number).toISOString(),
        overdue: (deadlineOf(order) as number) < now,
      }));
    return {
      generatedAt: new Date(now).toISOString(),
      atRiskWithinHours: withinHours,
      unassigned: waiting.map(toView),
      atRisk,
    };
  }
}
