import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, RepairDeclined } from '@appliance-care/contracts';
import { AssignmentService, WorkOrderRepository } from '@appliance-care/dispatch';

/** A technician turned a repair down: the next qualified technician gets it, never the decliner again. */
@Controller()
export class RepairDeclinedHandler {
  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly assignment: AssignmentService,
  ) {}

  @EventPattern('repair.declined.v1')
  async onDeclined(event: EventEnvelope<RepairDeclined>): Promise<void> {
    const { ticketId, technicianId, reason } = event.data;
    const held = (await this.workOrders.bySource('repair', ticketId)).filter(
      (wo) => wo.technicianId === technicianId && wo.status === 'assigned',
    );
    for (const wo of held)
      await this.assignment.reassign(wo._id, {
        cause: 'declined',
        decliner: technicianId,
        note: `declined by ${technicianId}: ${reason}`,
      });
  }
}
