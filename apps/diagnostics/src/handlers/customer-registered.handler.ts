import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { CustomerRegistered, EventEnvelope } from '@appliance-care/contracts';
import { LocalCopies } from '@appliance-care/diagnostics';
import { BATCH } from '@appliance-care/messaging';

/** Keeps the local copy of customers: a chunk's registrations in one bulk write. */
@Controller()
export class CustomerRegisteredHandler {
  constructor(private readonly copies: LocalCopies) {}

  @EventPattern('customer.registered.v1', BATCH)
  async handle(events: EventEnvelope<CustomerRegistered>[]): Promise<void> {
    await this.copies.customersRegistered(events.map((e) => e.data));
  }
}
