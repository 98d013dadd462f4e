import { Injectable } from '@nestjs/common';

import { EventFactory } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { RepairTicket } from '../domain/repair-ticket';
import { StoredTicket, TicketRepository } from '../persistence/ticket.repository';
import { envelopesFor } from './ticket-events';

const MAX_ATTEMPTS = 8;

export interface Change {
  /** id for an event of this type, when it must be the same whoever produces it */
  eventId?: (type: string) => string;
  idempotencyKey?: string;
}

/**
 * Read-change-write with optimistic concurrency: the change runs on a fresh copy until its write
 * wins (another instance, handler or request may have changed the ticket meanwhile).
 */
@Injectable()
export class TicketStore {
  constructor(
    private readonly repository: TicketRepository,
    private readonly factory: EventFactory,
  ) {}

  async change(
    ticketId: string,
    apply: (ticket: RepairTicket, stored: StoredTicket) => Change | false,
  ): Promise<StoredTicket> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stored = await this.repository.find(ticketId);
      if (!stored) throw new NotFoundError('repair ticket', ticketId);
      const ticket = new RepairTicket(stored.state);
      const change = apply(ticket, stored);
      if (change === false || (ticket.newHistory.length === 0 && ticket.events.length === 0)) return stored;
      const events = envelopesFor(this.factory, ticket, change.eventId);
      const saved = await this.repository.save(stored, ticket, events, change.idempotencyKey);
      if (saved) return saved;
      await this.repository.catchUp(ticketId);
    }
    // transient, not the caller's fault: a handler retries it with backoff
    throw new Error(`repair ticket ${ticketId} kept changing concurrently; try again`);
  }
}
