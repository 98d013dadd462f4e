import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { EventEnvelope } from '@appliance-care/contracts';
import { arrivalOf, TimelineRepository, timelineEventTypes, toTimelineEntry } from '@appliance-care/portal';

/** Every appliance event of every service becomes one timeline entry, keyed by the event id. */
@Controller()
export class LifecycleEventHandler {
  constructor(private readonly timeline: TimelineRepository) {}

  @EventPattern(timelineEventTypes())
  async handle(event: EventEnvelope): Promise<void> {
    const entry = toTimelineEntry(event, arrivalOf(event));
    if (entry) await this.timeline.record(entry);
  }
}
