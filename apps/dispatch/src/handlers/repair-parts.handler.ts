import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, RepairAwaitingParts, RepairPartsArrived } from '@appliance-care/contracts';
import { ReturnVisits } from '@appliance-care/dispatch';

/** A repair waits for parts (the visit ends, its slot's rest is free), then they arrive (the return visit). */
@Controller()
export class RepairPartsHandler {
  constructor(private readonly returnVisits: ReturnVisits) {}

  @EventPattern('repair.awaiting-parts.v1')
  async onAwaitingParts(event: EventEnvelope<RepairAwaitingParts>): Promise<void> {
    await this.returnVisits.awaitingParts(event.data);
  }

  @EventPattern('repair.parts-arrived.v1')
  async onPartsArrived(event: EventEnvelope<RepairPartsArrived>): Promise<void> {
    await this.returnVisits.partsArrived(event);
  }
}
