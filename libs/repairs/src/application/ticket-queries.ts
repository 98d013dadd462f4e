import { Injectable } from '@nestjs/common';

import { hasRole, isStaff, Principal } from '@appliance-care/auth';
import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

import {
  CompletedRepair,
  computeRepairStats,
  computeRepairStatsBreakdown,
  RepairStats,
  RepairStatsBreakdown,
} from '../domain/repair-stats';
import { TicketState } from '../domain/ticket-state';
import { StoredTicket, TicketFilter, TicketRepository } from '../persistence/ticket.repository';
import { canSeeTicket } from './ticket-actions.use-case';

const completedRepair = (s: TicketState): CompletedRepair => ({
  openedAt: new Date(s.openedAt),
  completedAt: new Date(s.completedAt as Date),
  firstTimeFix: s.firstTimeFix === true,
  slaMet: s.slaMet === true,
  technicianId: s.technicianId,
  region: s.region,
});

@Injectable()
export class TicketQueries {
  constructor(private readonly repository: TicketRepository) {}

  async get(ticketId: string, principal: Principal): Promise<StoredTicket> {
    const stored = await this.repository.find(ticketId);
    // someone else's ticket is indistinguishable from a missing one
    if (!stored || !canSeeTicket(principal, stored.state)) throw new NotFoundError('repair ticket', ticketId);
    return stored;
  }

  /** Staff see every ticket; a technician only those they hold; a customer only their own. */
  list(filter: TicketFilter, principal: Principal): Promise<StoredTicket[]> {
    if (isStaff(principal)) return this.repository.list(filter);
    if (hasRole(principal, 'technician') && principal.technicianId) {
      if (filter.technicianId && filter.technicianId !== principal.technicianId)
        throw new ForbiddenError('a technician may list only their own tickets');
      return this.repository.list({ ...filter, technicianId: principal.technicianId });
    }
    if (hasRole(principal, 'customer') && principal.customerId) {
      if (filter.customerId && filter.customerId !== principal.customerId)
        throw new ForbiddenError('a customer may list only their own tickets');
      return this.repository.list({ ...filter, customerId: principal.customerId });
    }
    throw new ForbiddenError('listing tickets needs a technician, customer, dispatcher or admin token');
  }

  /** The totals over [from, to), and the same figures per technician and per region. */
  async stats(from: Date, to: Date): Promise<RepairStats & RepairStatsBreakdown & { from: string; to: string }> {
    const completed = (await this.repository.completedBetween(from, to)).map(completedRepair);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      ...computeRepairStats(completed),
      ...computeRepairStatsBreakdown(completed),
    };
  }
}
