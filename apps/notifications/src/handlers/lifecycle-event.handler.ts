import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import { heardEventTypes, NotificationPlanner } from '@appliance-care/notifications';

/**
 * Every event some notification rule listens to, and those heard on purpose to tell nobody (UNTOLD_EVENTS):
 * the rules table decides who is told; a round of events is planned at once.
 */
@Controller()
export class LifecycleEventHandler {
  constructor(private readonly planner: NotificationPlanner) {}

  @EventPattern(heardEventTypes(), BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    await this.planner.onEvents(events);
  }
}
