import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import { NotificationPlanner, notifyingEventTypes } from '@appliance-care/notifications';

/** Every event some notification rule listens to: the rules table decides who is told; a round of events is planned at once. */
@Controller()
export class LifecycleEventHandler {
  constructor(private readonly planner: NotificationPlanner) {}

  @EventPattern(notifyingEventTypes(), BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    await this.planner.onEvents(events);
  }
}
