import { Injectable, Logger } from '@nestjs/common';

import { qualifiesFor } from '../domain/slot-search';
import { DAY, dayKey } from '../domain/time';
import { CalendarRepository } from '../persistence/calendar.repository';
import { TechnicianRepository, toTechnician } from '../persistence/technician.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';
import { RosterCache } from './roster.cache';

/**
 * A technician's change (time off, deactivation, a licence shortened, hours, skills or regions) may
 * leave bookings they can no longer keep: each of those is moved to the next qualified technician,
 * or, when nobody qualifies, released to wait as unassignable. Run from the technician.updated.v1
 * event consumed back (exactly once per change, also after a crash right after the change); the
 * technician's current state is read from the store, so a later change is never undone by an older one.
 */
@Injectable()
export class RosterRebooking {
  private readonly logger = new Logger(RosterRebooking.name);

  constructor(
    private readonly technicians: TechnicianRepository,
    private readonly workOrders: WorkOrderRepository,
    private readonly calendars: CalendarRepository,
    private readonly assignment: AssignmentService,
    private readonly roster: RosterCache,
  ) {}

  /** How many of the technician's bookings were moved away or released. */
  async technicianChanged(technicianId: string): Promise<number> {
    const stored = await this.technicians.get(technicianId);
    if (!stored) return 0;
    this.roster.invalidate(); // decide the new holders on the changed roster
    const technician = toTechnician(stored);
    let moved = 0;
    for (const order of await this.notStarted(technicianId)) {
      if (!order.window) continue;
      const slot = { from: Date.parse(order.window.from), to: Date.parse(order.window.to) };
      const fits = qualifiesFor(technician, order, slot);
      if (fits.ok) continue;
      const note = `technician ${technicianId} can no longer take it (${fits.miss})`;
      await this.assignment.reassign(order._id, { cause: 'unavailable', decliner: technicianId, note });
      this.logger.log(
        { workOrderId: order._id, technicianId, miss: fits.miss },
        'booking moved off an unavailable technician',
      );
      moved += 1;
    }
    return moved;
  }

  /**
   * The booked orders the technician holds and has not started: the assigned ones (an indexed
   * query), and those they accepted or are on the way to, found through their calendar from yesterday on.
   */
  private async notStarted(technicianId: string): Promise<WorkOrderDocument[]> {
    const assigned = await this.workOrders.assignedTo(technicianId);
    const days = await this.calendars.range(technicianId, dayKey(Date.now() - DAY), '9999-12-31');
    const known = new Set(assigned.map((order) => order._id));
    const others = days
      .flatMap((day) => day.bookings.map((booking) => booking.workOrderId))
      .filter((id) => !known.has(id));
    const accepted = (await this.workOrders.many(others)).filter(
      (order) => order.technicianId === technicianId && (order.status === 'accepted' || order.status === 'en-route'),
    );
    return [...assigned, ...accepted];
  }
}
