import { Injectable } from '@nestjs/common';

import { Principal } from '@appliance-care/auth';

import { approveReplacement, rejectReplacement } from '../domain/ticket-replacement';
import { StoredTicket } from '../persistence/ticket.repository';
import { TicketChanges } from './ticket-changes.unit-of-work';

/** A dispatcher's (or an admin's) answer to a proposed warranty replacement. */
@Injectable()
export class ReplacementDecisions {
  constructor(private readonly tickets: TicketChanges) {}

  approve(
    ticketId: string,
    principal: Principal,
    serialNumber?: string,
    idempotencyKey?: string,
  ): Promise<StoredTicket> {
    const key = idempotencyKey && `approve-replacement:${idempotencyKey}`;
    return this.tickets.change(ticketId, (ticket, stored) => {
      if (key && stored.idempotencyKeys.includes(key)) return false;
      approveReplacement(ticket, principal.sub, serialNumber, new Date());
      return { idempotencyKey: key };
    });
  }

  reject(ticketId: string, principal: Principal, reason: string, idempotencyKey?: string): Promise<StoredTicket> {
    const key = idempotencyKey && `reject-replacement:${idempotencyKey}`;
    return this.tickets.change(ticketId, (ticket, stored) => {
      if (key && stored.idempotencyKeys.includes(key)) return false;
      rejectReplacement(ticket, principal.sub, reason, new Date());
      return { idempotencyKey: key };
    });
  }
}
