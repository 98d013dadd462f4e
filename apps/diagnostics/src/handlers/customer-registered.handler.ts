import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { CustomerRegistered, EventEnvelope } from '@appliance-care/contracts';
import { LocalCopies } from '@appliance-care/diagnostics';

@Controller()
export class CustomerRegisteredHandler {
  constructor(private readonly copies: LocalCopies) {}

  @EventPattern('customer.registered.v1')
  async handle(event: EventEnvelope<CustomerRegistered>): Promise<void> {
    await this.copies.customerRegistered(event.data);
  }
}
