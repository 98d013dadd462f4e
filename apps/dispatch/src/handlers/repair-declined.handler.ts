import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, RepairDeclined } from '@appliance-care/contracts';
import { AssignmentService } from '@appliance-care/dispatch';

/** A technician turned a repair down: the next qualified technician gets it, never the decliner again. */
@Controller()
export class RepairDeclinedHandler {
  constructor(private readonly assignment: AssignmentService) {}

  @EventPattern('repair.declined.v1')
  async onDeclined(event: EventEnvelope<RepairDeclined>): Promise<void> {
    const { ticketId, technicianId, reason } = event.data;
    await this.assignment.declined('repair', ticketId, technicianId, `declined by ${technicianId}: ${reason}`);
  }
}
