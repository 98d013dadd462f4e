import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { ApplianceRegistered, EventEnvelope } from '@appliance-care/contracts';
import { HeldFaults, LocalCopies } from '@appliance-care/diagnostics';
import { BATCH } from '@appliance-care/messaging';

/** Keeps the local copy of appliances (a chunk's registrations in one bulk write), then releases their held faults. */
@Controller()
export class ApplianceRegisteredHandler {
  constructor(
    private readonly copies: LocalCopies,
    private readonly heldFaults: HeldFaults,
  ) {}

  @EventPattern('appliance.registered.v1', BATCH)
  async handle(events: EventEnvelope<ApplianceRegistered>[]): Promise<void> {
    await this.copies.appliancesRegistered(events.map((e) => e.data));
    await this.heldFaults.release(events.map((e) => e.data.serialNumber));
  }
}
