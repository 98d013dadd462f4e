import { Injectable, Logger } from '@nestjs/common';

import { Principal } from '@appliance-care/auth';
import { EventEnvelope, Part, PartsArrived } from '@appliance-care/contracts';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { TicketStateMachine } from '../domain/ticket.state-machine';
import { StoredTicket } from '../persistence/ticket.repository';
import { TicketChanges } from './ticket-changes.unit-of-work';

export interface PartsArrivedReport {
  parts?: Part[];
  reference?: string;
}

/**
 * The parts a ticket waits for have arrived: a dispatcher says so over REST, or the warehouse on
 * warehouse.parts.v1. Both move the ticket back to scheduling in one write with its
 * repair.parts-arrived.v1, and end the SLA pause.
 */
@Injectable()
export class RecordPartsArrival {
  private readonly logger = new Logger(RecordPartsArrival.name);

  constructor(private readonly tickets: TicketChanges) {}

  /** POST /tickets/{id}/parts-arrived: 409 (currentState) when the ticket does not wait for parts. */
  reported(
    ticketId: string,
    principal: Principal,
    report: PartsArrivedReport,
    idempotencyKey?: string,
  ): Promise<StoredTicket> {
    const key = idempotencyKey && `parts-arrived:${idempotencyKey}`;
    return this.tickets.change(ticketId, (ticket, stored) => {
      if (key && stored.idempotencyKeys.includes(key)) return false;
      ticket.partsArrived({ via: 'api', ...report }, principal.sub, new Date());
      return { idempotencyKey: key };
    });
  }

  /**
   * parts.arrived.v1. The event's id is kept on the ticket, so a redelivery changes nothing even
   * when the ticket waits for parts again. A ticket that no longer waits (resumed by a dispatcher or
   * a technician's revisit, completed, cancelled) has nothing left to resume: logged, not
   * dead-lettered, since the warehouse did nothing wrong. An unknown ticket is dead-lettered as
   * unknown-ticket: a retry cannot make it exist (a ticket awaits parts long after it was opened).
   */
  async fromWarehouse(event: EventEnvelope<PartsArrived>, now = new Date()): Promise<'resumed' | 'ignored'> {
    const { ticketId, arrivedAt, parts, reference } = event.data;
    const key = `parts-arrived-event:${event.id}`;
    // why the last attempt (the one that counted) changed nothing, if it did not
    const outcome: { ignored?: string } = {};
    try {
      await this.tickets.change(ticketId, (ticket, stored) => {
        outcome.ignored = stored.idempotencyKeys.includes(key)
          ? 'already handled'
          : TicketStateMachine.can(ticket.state.status, 'parts-arrived')
            ? undefined
            : `ticket is ${ticket.state.status}, not awaiting parts`;
        if (outcome.ignored) return false;
        ticket.partsArrived({ via: 'warehouse', parts, reference, arrivedAt: new Date(arrivedAt) }, 'warehouse', now);
        return { idempotencyKey: key };
      });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      throw new BusinessRuleError(
        'unknown-ticket',
        `parts arrived for repair ticket ${ticketId}, which does not exist (reference ${reference ?? 'none'})`,
        { ticketId },
        404,
      );
    }
    if (!outcome.ignored) return 'resumed';
    this.logger.log({ ticketId, eventId: event.id, reference, why: outcome.ignored }, 'parts arrival changes nothing');
    return 'ignored';
  }
}
