import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderAssigned } from '@appliance-care/contracts';
import { TrackAssignment } from '@appliance-care/repairs';

@Controller()
export class WorkOrderAssignedHandler {
  constructor(private readonly assignments: TrackAssignment) {}

  @EventPattern('work-order.assigned.v1')
  async handle(event: EventEnvelope<WorkOrderAssigned>): Promise<void> {
    await this.assignments.assigned(event.data);
  }
}
