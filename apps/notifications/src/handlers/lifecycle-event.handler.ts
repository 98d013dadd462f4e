import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import {
  APPOINTMENT_EVENT_TYPES,
  heardEventTypes,
  NotificationPlanner,
  ReminderScheduler,
} from '@appliance-care/notifications';

/**
 * Every event some notification rule listens to, and those heard on purpose to tell nobody (UNTOLD_EVENTS):
 * the rules table decides who is told; a round of events is planned at once. Bookings, cancellations,
 * releases and the jobs' completions also schedule and end appointment reminders (ReminderScheduler).
 */
@Controller()
export class LifecycleEventHandler {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly reminders: ReminderScheduler,
  ) {}

  @EventPattern([...new Set([...heardEventTypes(), ...APPOINTMENT_EVENT_TYPES])], BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    await this.planner.onEvents(events);
    await this.reminders.onEvents(events);
  }
}
