import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import {
  APPOINTMENT_EVENT_TYPES,
  heardEventTypes,
  LibraryHolds,
  NotificationPlanner,
  ReminderScheduler,
} from '@appliance-care/notifications';

/**
 * Every event some notification rule listens to, and those heard on purpose to tell nobody (UNTOLD_EVENTS):
 * the rules table decides who is told; a round of events is planned at once. Bookings, cancellations,
 * releases and the jobs' completions also schedule and end appointment reminders (ReminderScheduler).
 * A shelf-ready library item tells the patron of each of its holds (LibraryHolds).
 */
@Controller()
export class LifecycleEventHandler {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly reminders: ReminderScheduler,
    private readonly holds: LibraryHolds,
  ) {}

  @EventPattern([...new Set([...heardEventTypes(), ...APPOINTMENT_EVENT_TYPES])], BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    // a shelf-ready item is planned as one event per hold (its patron), the others as they are
    await this.planner.onEvents(await this.holds.perHold(events));
    await this.reminders.onEvents(events);
  }
}
