import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, QueueItemAssigned, QueueItemUnassignable } from '@appliance-care/contracts';
import { TrackTasks } from '@appliance-care/library-services';

/** Dispatch's answers to library.task.requested.v1 (dispatch.events.v1). */
@Controller()
export class QueueItemHandler {
  constructor(private readonly tasks: TrackTasks) {}

  @EventPattern('queue-item.assigned.v1')
  async assigned(event: EventEnvelope<QueueItemAssigned>): Promise<void> {
    await this.tasks.assigned(event.data);
  }

  @EventPattern('queue-item.unassignable.v1')
  async unassignable(event: EventEnvelope<QueueItemUnassignable>): Promise<void> {
    await this.tasks.unassignable(event.data);
  }
}
