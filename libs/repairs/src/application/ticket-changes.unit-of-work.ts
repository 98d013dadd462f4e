import { Injectable } from '@nestjs/common';

import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { RepairTicket } from '../domain/repair-ticket';
import { StoredTicket, TicketRepository } from '../persistence/ticket.repository';
import { envelopesFor } from './ticket-events';

/** Another instance, handler or request may change the same ticket at the same moment. */
const ATTEMPTS = 8;

export interface TicketChange {
  /** id for an event of this type, when it must be the same whoever produces it */
  eventId?: (type: string) => string;
  idempotencyKey?: string;
}

/** What a caller decides on a fresh copy of the ticket: a change to store, or false for none. */
export type TicketDecision = (ticket: RepairTicket, stored: StoredTicket) => TicketChange | false;

/**
 * The unit of work of a ticket change: load a fresh copy, decide, store the new state with its
 * events in one conditional write (the relay is woken by that write), and decide again on a
 * conflict; WriteConflictError (transient) when the ticket kept changing for every attempt.
 */
@Injectable()
export class TicketChanges {
  constructor(
    private readonly repository: TicketRepository,
    private readonly factory: EventFactory,
  ) {}

  change(ticketId: string, decide: TicketDecision): Promise<StoredTicket> {
    return untilWritten(`repair ticket ${ticketId}`, () => this.attempt(ticketId, decide), { attempts: ATTEMPTS });
  }

  private async attempt(ticketId: string, decide: TicketDecision): Promise<StoredTicket | typeof CONFLICT> {
    const stored = await this.repository.find(ticketId);
    if (!stored) throw new NotFoundError('repair ticket', ticketId);
    const ticket = new RepairTicket(stored.state);
    const change = decide(ticket, stored);
    if (change === false || (ticket.newHistory.length === 0 && ticket.events.length === 0)) return stored;
    const events = envelopesFor(this.factory, ticket, change.eventId);
    return this.repository.save(stored, ticket, events, change.idempotencyKey);
  }
}
