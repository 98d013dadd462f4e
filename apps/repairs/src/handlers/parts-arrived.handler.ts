import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, PartsArrived } from '@appliance-care/contracts';
import { RecordPartsArrival } from '@appliance-care/repairs';

@Controller()
export class PartsArrivedHandler {
  constructor(private readonly partsArrival: RecordPartsArrival) {}

  /** The warehouse's word (warehouse.parts.v1): the same use case as POST /tickets/{id}/parts-arrived. */
  @EventPattern('parts.arrived.v1')
  async handle(event: EventEnvelope<PartsArrived>): Promise<void> {
    await this.partsArrival.fromWarehouse(event);
  }
}
