import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderCancelled } from '@appliance-care/contracts';
import { TrackAssignment } from '@appliance-care/repairs';

@Controller()
export class WorkOrderCancelledHandler {
  constructor(private readonly assignments: TrackAssignment) {}

  @EventPattern('work-order.cancelled.v1')
  async handle(event: EventEnvelope<WorkOrderCancelled>): Promise<void> {
    await this.assignments.cancelled(event.data);
  }
}
