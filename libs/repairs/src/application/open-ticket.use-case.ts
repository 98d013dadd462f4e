import { Inject, Injectable, Logger } from '@nestjs/common';

import { DiagnosisCompleted, EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { RepairTicket } from '../domain/repair-ticket';
import { TicketRepository } from '../persistence/ticket.repository';
import { REPAIRS_POLICY } from './repairs.tokens';
import { ReplacementReview } from './replacement-review';
import { envelopesFor } from './ticket-events';

/** A diagnosis that requires a repair opens exactly one ticket for its case. */
@Injectable()
export class OpenRepairTicket {
  private readonly logger = new Logger(OpenRepairTicket.name);

  constructor(
    private readonly repository: TicketRepository,
    private readonly factory: EventFactory,
    @Inject(REPAIRS_POLICY) private readonly policy: RepairsPolicy,
    private readonly replacement: ReplacementReview,
  ) {}

  async execute(
    event: EventEnvelope<DiagnosisCompleted>,
    now = new Date(),
  ): Promise<'opened' | 'duplicate' | 'no-repair'> {
    if (event.data.outcome !== 'repair-required') return 'no-repair';
    const ticket = RepairTicket.open(event.data, this.policy, now, event.correlationid);
    await this.replacement.consider(ticket, now);
    const inserted = await this.repository.insert(ticket, envelopesFor(this.factory, ticket));
    if (!inserted) {
      this.logger.log({ caseId: event.data.caseId }, 'case already has a repair ticket');
      return 'duplicate';
    }
    return 'opened';
  }
}
