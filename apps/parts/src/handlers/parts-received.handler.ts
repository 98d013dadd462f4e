import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, PartsReceived } from '@appliance-care/contracts';
import { ReceiveStock } from '@appliance-care/parts';

@Controller()
export class PartsReceivedHandler {
  constructor(private readonly receiving: ReceiveStock) {}

  /** A warehouse delivered stock (warehouse.parts.v1): the same use case as POST /stock/receipts. */
  @EventPattern('parts.received.v1')
  async handle(event: EventEnvelope<PartsReceived>): Promise<void> {
    const { receiptId, location, lines } = event.data;
    await this.receiving.receive({ receiptId, location, lines });
  }
}
