import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, RepairSlaAtRisk, RepairSlaBreached } from '@appliance-care/contracts';
import { SlaAlerts } from '@appliance-care/dispatch';

/** Repairs' SLA warnings: the dispatcher's board lists the ticket until it is completed or cancelled. */
@Controller()
export class RepairSlaHandler {
  constructor(private readonly alerts: SlaAlerts) {}

  @EventPattern('repair.sla-at-risk.v1')
  async onAtRisk(event: EventEnvelope<RepairSlaAtRisk>): Promise<void> {
    await this.alerts.atRisk(event.data);
  }

  @EventPattern('repair.sla-breached.v1')
  async onBreached(event: EventEnvelope<RepairSlaBreached>): Promise<void> {
    await this.alerts.breached(event.data);
  }
}
