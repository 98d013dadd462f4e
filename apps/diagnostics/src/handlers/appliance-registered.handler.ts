import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { ApplianceRegistered, EventEnvelope } from '@appliance-care/contracts';
import { LocalCopies } from '@appliance-care/diagnostics';

@Controller()
export class ApplianceRegisteredHandler {
  constructor(private readonly copies: LocalCopies) {}

  @EventPattern('appliance.registered.v1')
  async handle(event: EventEnvelope<ApplianceRegistered>): Promise<void> {
    await this.copies.applianceRegistered(event.data);
  }
}
