import { Injectable } from '@nestjs/common';

import { WorkOrderAssigned, WorkOrderReleased } from '@appliance-care/contracts';

import { TicketStore } from './ticket-store';

/** The ticket learns who holds it from dispatch, the single owner of technicians' calendars. */
@Injectable()
export class TrackAssignment {
  constructor(private readonly store: TicketStore) {}

  async assigned(order: WorkOrderAssigned, now = new Date()): Promise<void> {
    if (order.kind !== 'repair') return;
    await this.store.change(order.sourceId, (t) => t.assign(order.technicianId, order.workOrderId, now) && {});
  }

  async released(order: WorkOrderReleased, now = new Date()): Promise<void> {
    if (order.kind !== 'repair') return;
    await this.store.change(order.sourceId, (t) => t.release(order.technicianId, order.reason, now) && {});
  }
}
