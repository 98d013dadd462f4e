import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import {
  arrivalOf,
  TimelineEntry,
  timelineEventTypes,
  TimelineRepository,
  toTimelineEntry,
} from '@appliance-care/portal';

/** Every appliance event of every service becomes one timeline entry, keyed by the event id: a chunk's entries in one insert. */
@Controller()
export class LifecycleEventHandler {
  constructor(private readonly timeline: TimelineRepository) {}

  @EventPattern(timelineEventTypes(), BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    const entries = events
      .map((event) => toTimelineEntry(event, arrivalOf(event)))
      .filter((e): e is TimelineEntry => !!e);
    await this.timeline.recordMany(entries);
  }
}
