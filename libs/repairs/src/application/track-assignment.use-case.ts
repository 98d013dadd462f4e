import { Injectable, Logger } from '@nestjs/common';

import { WorkOrderAssigned, WorkOrderCancelled, WorkOrderReleased } from '@appliance-care/contracts';

import {
  AppointmentCancellationDecision,
  decideAppointmentCancellation,
} from '../domain/appointment-cancellation.policy';
import { TicketChanges } from './ticket-changes.unit-of-work';

/** The ticket learns who holds it from dispatch, the single owner of technicians' calendars. */
@Injectable()
export class TrackAssignment {
  private readonly logger = new Logger(TrackAssignment.name);

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

  /**
   * The customer or a dispatcher cancelled the repair's appointment: the repair is cancelled as a
   * cancel over REST would, with who cancelled it. A redelivery finds the ticket closed and changes nothing.
   */
  async cancelled(order: WorkOrderCancelled, now = new Date()): Promise<void> {
    if (order.kind !== 'repair') return;
    // the decision of the last attempt (the one that counted)
    const outcome: { decision?: AppointmentCancellationDecision } = {};
    await this.tickets.change(order.sourceId, (ticket) => {
      outcome.decision = decideAppointmentCancellation(ticket.state, order.workOrderId);
      if (!outcome.decision.cancel) return false;
      ticket.cancel(order.reason, order.cancelledBy, 'dispatch', now);
      return {};
    });
    const { decision } = outcome;
    if (decision && !decision.cancel)
      this.logger.log(
        { ticketId: order.sourceId, workOrderId: order.workOrderId, why: decision.reason },
        'appointment cancellation leaves the ticket as it is',
      );
  }
}
