import { Injectable } from '@nestjs/common';

import { RepairSlaAtRisk, RepairSlaBreached } from '@appliance-care/contracts';

import { SlaAlertRepository } from '../persistence/sla-alert.repository';

/**
 * Repairs' SLA warnings, kept for the dispatcher's board (one record per ticket: a redelivery or a
 * second warning changes nothing), until the ticket is completed or cancelled.
 */
@Injectable()
export class SlaAlerts {
  constructor(private readonly alerts: SlaAlertRepository) {}

  atRisk(warning: RepairSlaAtRisk): Promise<void> {
    const { ticketId, applianceId, customerId, slaDueAt, priority, region, technicianId } = warning;
    const { atRiskAt, elapsedShare } = warning;
    return this.alerts.record({
      ticketId,
      applianceId,
      customerId,
      slaDueAt,
      priority,
      region,
      technicianId,
      atRiskAt,
      elapsedShare,
    });
  }

  breached(breach: RepairSlaBreached): Promise<void> {
    const { ticketId, applianceId, customerId, slaDueAt, priority, region, technicianId, breachedAt } = breach;
    return this.alerts.record({
      ticketId,
      applianceId,
      customerId,
      slaDueAt,
      priority,
      region,
      technicianId,
      breachedAt,
    });
  }

  closed(ticketId: string): Promise<void> {
    return this.alerts.close(ticketId);
  }
}
