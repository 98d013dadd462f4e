import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderReleased } from '@appliance-care/contracts';
import { TrackAssignment } from '@appliance-care/repairs';

@Controller()
export class WorkOrderReleasedHandler {
  constructor(private readonly assignments: TrackAssignment) {}

  @EventPattern('work-order.released.v1')
  async handle(event: EventEnvelope<WorkOrderReleased>): Promise<void> {
    await this.assignments.released(event.data);
  }
}
