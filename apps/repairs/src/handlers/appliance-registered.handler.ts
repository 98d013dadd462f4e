import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { ApplianceRegistered, EventEnvelope } from '@appliance-care/contracts';
import { RecordAppliancePrice } from '@appliance-care/repairs';

/** What the appliance cost: a covered repair is weighed against it for a replacement. */
@Controller()
export class ApplianceRegisteredHandler {
  constructor(private readonly prices: RecordAppliancePrice) {}

  @EventPattern('appliance.registered.v1')
  async handle(event: EventEnvelope<ApplianceRegistered>): Promise<void> {
    await this.prices.execute(event.data);
  }
}
