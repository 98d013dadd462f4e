import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { ApplianceRegistered, EventEnvelope } from '@appliance-care/contracts';
import { LocalCopies } from '@appliance-care/diagnostics';
import { BATCH } from '@appliance-care/messaging';

/** Keeps the local copy of appliances: a chunk's registrations in one bulk write. */
@Controller()
export class ApplianceRegisteredHandler {
  constructor(private readonly copies: LocalCopies) {}

  @EventPattern('appliance.registered.v1', BATCH)
  async handle(events: EventEnvelope<ApplianceRegistered>[]): Promise<void> {
    await this.copies.appliancesRegistered(events.map((e) => e.data));
  }
}
