import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { ApplianceRetired, EventEnvelope } from '@appliance-care/contracts';
import { LocalCopies } from '@appliance-care/diagnostics';

/** An appliance replaced under warranty: its copy is marked retired, so no new case opens on it. */
@Controller()
export class ApplianceRetiredHandler {
  constructor(private readonly copies: LocalCopies) {}

  @EventPattern('appliance.retired.v1')
  async handle(event: EventEnvelope<ApplianceRetired>): Promise<void> {
    await this.copies.applianceRetired(event.data);
  }
}
