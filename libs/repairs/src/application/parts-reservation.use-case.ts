import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, PartsRequested, PartsReservationFulfilled } from '@appliance-care/contracts';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { TicketStateMachine } from '../domain/ticket.state-machine';
import { RecordPartsArrival } from './parts-arrival.use-case';
import { REPAIRS_POLICY } from './repairs.tokens';
import { TicketChanges } from './ticket-changes.unit-of-work';

/**
 * What the parts service says of a ticket's reservation: some parts are on order
 * (parts.requested.v1: the ticket waits for them, its SLA paused as for a technician's
 * awaiting-parts), or the last of them arrived (parts.reservation-fulfilled.v1: the same as the
 * warehouse's parts.arrived.v1, the return visit is booked). The event id is kept on the ticket.
 */
@Injectable()
export class TrackPartsReservation {
  private readonly logger = new Logger(TrackPartsReservation.name);

  constructor(
    private readonly tickets: TicketChanges,
    private readonly arrival: RecordPartsArrival,
    @Inject(REPAIRS_POLICY) private readonly policy: RepairsPolicy,
  ) {}

  /** A ticket already on site (in progress) or closed is left alone: the technician decides there. */
  async requested(event: EventEnvelope<PartsRequested>, now = new Date()): Promise<void> {
    const { ticketId, lines, expectedAt } = event.data;
    const key = `parts-requested-event:${event.id}`;
    const parts = lines.map(({ sku, name, quantity }) => ({ sku, name, quantity }));
    await this.tickets.change(ticketId, (ticket, stored) => {
      if (stored.idempotencyKeys.includes(key)) return false;
      if (!TicketStateMachine.can(ticket.state.status, 'parts-short')) {
        this.logger.log({ ticketId, status: ticket.state.status }, 'parts on order: the ticket does not wait for them');
        return false;
      }
      ticket.awaitParts(parts, expectedAt, this.policy.sla.pauseWhileAwaitingParts, now, 'parts-short');
      return { idempotencyKey: key };
    });
  }

  fulfilled(event: EventEnvelope<PartsReservationFulfilled>): Promise<'resumed' | 'ignored'> {
    const { ticketId, lines, fulfilledAt, receiptId } = event.data;
    const parts = lines.map(({ sku, name, quantity }) => ({ sku, name, quantity }));
    const arrived = { ticketId, arrivedAt: fulfilledAt, parts, reference: receiptId.slice(0, 64) };
    return this.arrival.fromWarehouse({ ...event, data: arrived });
  }
}
