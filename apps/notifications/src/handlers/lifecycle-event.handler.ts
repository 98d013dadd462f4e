import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { EventEnvelope } from '@appliance-care/contracts';
import { NotificationPlanner, notifyingEventTypes } from '@appliance-care/notifications';

/** Every event some notification rule listens to: the rules table decides who is told. */
@Controller()
export class LifecycleEventHandler {
  constructor(private readonly planner: NotificationPlanner) {}

  @EventPattern(notifyingEventTypes())
  async handle(event: EventEnvelope): Promise<void> {
    await this.planner.onEvent(event);
  }
}
