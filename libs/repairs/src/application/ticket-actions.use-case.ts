import { Inject, Injectable } from '@nestjs/common';

import { canAccessCustomer, hasRole, isStaff, Principal } from '@appliance-care/auth';
import { Part } from '@appliance-care/contracts';
import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { RepairTicket } from '../domain/repair-ticket';
import { CancelledBy, CompletionReport, TicketState } from '../domain/ticket-state';
import { StoredTicket } from '../persistence/ticket.repository';
import { REPAIRS_POLICY } from './repairs.tokens';
import { TicketChanges } from './ticket-changes.unit-of-work';

export type TechnicianCommand =
  | { action: 'accept' }
  | { action: 'decline'; reason: string }
  | { action: 'en-route'; eta: string }
  | { action: 'start' }
  | { action: 'awaiting-parts'; parts: Part[]; expectedAt: string }
  | ({ action: 'complete' } & CompletionReport);

/** Who may read a ticket: staff, the customer it belongs to, a technician who holds or held it. */
export function canSeeTicket(principal: Principal, ticket: TicketState): boolean {
  if (isStaff(principal) || canAccessCustomer(principal, ticket.customerId)) return true;
  const { technicianId } = principal;
  return hasRole(principal, 'technician') && technicianId !== undefined && ticket.technicianIds.includes(technicianId);
}

/** The technician's steps and cancellation, each guarded by ownership and the state machine. */
@Injectable()
export class TicketActions {
  constructor(
    private readonly tickets: TicketChanges,
    @Inject(REPAIRS_POLICY) private readonly policy: RepairsPolicy,
  ) {}

  technicianStep(
    ticketId: string,
    principal: Principal,
    command: TechnicianCommand,
    idempotencyKey?: string,
  ): Promise<StoredTicket> {
    const key = idempotencyKey && `${command.action}:${idempotencyKey}`;
    return this.tickets.change(ticketId, (ticket, stored) => {
      this.authorizeTechnician(principal, ticket.state);
      if (key && stored.idempotencyKeys.includes(key)) return false;
      this.apply(ticket, command, new Date());
      return { idempotencyKey: key };
    });
  }

  cancel(ticketId: string, principal: Principal, reason: string, idempotencyKey?: string): Promise<StoredTicket> {
    const key = idempotencyKey && `cancel:${idempotencyKey}`;
    return this.tickets.change(ticketId, (ticket, stored) => {
      if (!canAccessCustomer(principal, ticket.state.customerId)) throw new NotFoundError('repair ticket', ticketId);
      if (key && stored.idempotencyKeys.includes(key)) return false;
      const by: CancelledBy = hasRole(principal, 'admin')
        ? 'admin'
        : hasRole(principal, 'dispatcher')
          ? 'dispatcher'
          : 'customer';
      ticket.cancel(reason, by, principal.sub, new Date());
      return { idempotencyKey: key };
    });
  }

  private apply(ticket: RepairTicket, command: TechnicianCommand, now: Date): void {
    switch (command.action) {
      case 'accept':
        return ticket.accept(now);
      case 'decline':
        return ticket.decline(command.reason, now);
      case 'en-route':
        return ticket.enRoute(command.eta, now);
      case 'start':
        return ticket.start(now);
      case 'awaiting-parts':
        return ticket.awaitParts(command.parts, command.expectedAt, this.policy.sla.pauseWhileAwaitingParts, now);
      case 'complete': {
        const { action: _a, ...report } = command;
        return ticket.complete(report, now);
      }
    }
  }

  /** Only the technician who holds the ticket acts on it (admins may act for them). */
  private authorizeTechnician(principal: Principal, ticket: TicketState): void {
    if (hasRole(principal, 'admin')) return;
    if (!canSeeTicket(principal, ticket)) throw new NotFoundError('repair ticket', ticket.ticketId);
    if (!hasRole(principal, 'technician') || principal.technicianId !== ticket.technicianId) {
      throw new ForbiddenError(`repair ticket ${ticket.ticketId} is not assigned to you`);
    }
  }
}
