import { Inject, Injectable, Logger } from '@nestjs/common';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { REPLACEMENT_SETTINGS } from '../config/replacement.config';
import { estimateRepair } from '../domain/pricing.policy';
import { RepairTicket } from '../domain/repair-ticket';
import { decideReplacement, EarlierRepair, ReplacementSettings } from '../domain/replacement.policy';
import { proposeReplacement } from '../domain/ticket-replacement';
import { AppliancePriceRepository } from '../persistence/appliance-price.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { REPAIRS_POLICY } from './repairs.tokens';

/**
 * Weighs a newly opened ticket for a warranty replacement: gathers what the policy needs (the
 * estimate, the appliance's price from repairs' copy, the appliance's earlier repairs) and, when it
 * says so, the ticket proposes the replacement in the same write that opens it.
 */
@Injectable()
export class ReplacementReview {
  private readonly logger = new Logger(ReplacementReview.name);

  constructor(
    private readonly tickets: TicketRepository,
    private readonly prices: AppliancePriceRepository,
    @Inject(REPAIRS_POLICY) private readonly policy: RepairsPolicy,
    @Inject(REPLACEMENT_SETTINGS) private readonly settings: ReplacementSettings,
  ) {}

  async consider(ticket: RepairTicket, now: Date): Promise<void> {
    const state = ticket.state;
    if (state.coverage.status !== 'covered') return;
    const [appliancePrice, earlier] = await Promise.all([
      this.prices.priceOf(state.applianceId),
      this.tickets.completedRepairsOf(state.applianceId),
    ]);
    const estimate = state.coverage.estimate ?? estimateRepair(this.policy, { ...state, skill: state.requiredSkill });
    const earlierRepairs: EarlierRepair[] = earlier
      .filter((repair) => repair.ticketId !== state.ticketId && repair.completedAt)
      .map((repair) => ({
        ticketId: repair.ticketId,
        completedAt: new Date(repair.completedAt!),
        faults: repair.faults ?? [],
      }));
    const decision = decideReplacement(
      {
        coverage: state.coverage.status,
        estimateTotal: estimate.total,
        appliancePrice,
        faults: state.faults,
        earlierRepairs,
        now,
      },
      this.settings,
    );
    this.logger.log(
      { ticketId: state.ticketId, outcome: decision.outcome, reason: decision.reason },
      'replacement weighed',
    );
    if (decision.outcome === 'propose') proposeReplacement(ticket, decision, 'repairs', now);
  }
}
