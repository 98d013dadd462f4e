import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, RepairReplacementApproved } from '@appliance-care/contracts';
import { ReplaceAppliance } from '@appliance-care/sales-installation';

/** A dispatcher approved a warranty replacement: the old appliance is retired, its replacement registered. */
@Controller()
export class RepairReplacementApprovedHandler {
  constructor(private readonly replaceAppliance: ReplaceAppliance) {}

  @EventPattern('repair.replacement-approved.v1')
  async handle(event: EventEnvelope<RepairReplacementApproved>): Promise<void> {
    await this.replaceAppliance.execute(event.data);
  }
}
