import { Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, PartsConsumed } from '@appliance-care/contracts';

import { partsCostingOf } from '../domain/parts-costing';
import { TicketRepository } from '../persistence/ticket.repository';

/**
 * The parts service consumed a completed repair's reservation (parts.consumed.v1): the ticket
 * records the parts cost at catalogue prices, and a covered one its warranty claim at cost. Once
 * per ticket: the write matches only a ticket without a parts cost, so a redelivery changes nothing.
 */
@Injectable()
export class RecordPartsCost {
  private readonly logger = new Logger(RecordPartsCost.name);

  constructor(private readonly tickets: TicketRepository) {}

  async consumed(event: EventEnvelope<PartsConsumed>): Promise<boolean> {
    const { ticketId } = event.data;
    const recorded = await this.tickets.recordPartsCost(ticketId, partsCostingOf(event.data));
    if (!recorded) this.logger.log({ ticketId, eventId: event.id }, 'parts cost already recorded (or no such ticket)');
    return recorded;
  }
}
