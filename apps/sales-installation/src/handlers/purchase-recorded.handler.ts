import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, PurchaseRecorded } from '@appliance-care/contracts';
import { RecordPurchase } from '@appliance-care/sales-installation';

@Controller()
export class PurchaseRecordedHandler {
  constructor(private readonly recordPurchase: RecordPurchase) {}

  @EventPattern('sales.purchase.recorded.v1')
  async handle(event: EventEnvelope<PurchaseRecorded>): Promise<void> {
    await this.recordPurchase.execute(event.data);
  }
}
