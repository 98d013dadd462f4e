import { Injectable } from '@nestjs/common';

import { WorkOrderAssigned, WorkOrderReleased } from '@appliance-care/contracts';

import { TicketChanges } from './ticket-changes.unit-of-work';

/** The ticket learns who holds it from dispatch, the single owner of technicians' calendars. */
@Injectable()
export class TrackAssignment {
  constructor(private readonly tickets: TicketChanges) {}

  async assigned(order: WorkOrderAssigned, now = new Date()): Promise<void> {
    if (order.kind !== 'repair') return;
    await this.tickets.change(
      order.sourceId,
      (ticket) => ticket.assign(order.technicianId, order.workOrderId, now) && {},
    );
  }

  async released(order: WorkOrderReleased, now = new Date()): Promise<void> {
    if (order.kind !== 'repair') return;
    await this.tickets.change(order.sourceId, (ticket) => ticket.release(order.technicianId, order.reason, now) && {});
  }
}
