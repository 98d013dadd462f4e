import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import {
  arrivalOf,
  KpiFact,
  KpiFactRepository,
  TimelineEntry,
  timelineEventTypes,
  TimelineRepository,
  toKpiFact,
  toTimelineEntry,
} from '@appliance-care/portal';

/**
 * Every appliance event of every service becomes one timeline entry, and the events the KPIs and
 * feedback links read one KPI fact, both keyed by the event id: a chunk's entries and facts in one
 * insert each (a redelivered chunk adds nothing).
 */
@Controller()
export class LifecycleEventHandler {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly facts: KpiFactRepository,
  ) {}

  @EventPattern(timelineEventTypes(), BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    const entries: TimelineEntry[] = [];
    const facts: KpiFact[] = [];
    for (const event of events) {
      const arrival = arrivalOf(event);
      const entry = toTimelineEntry(event, arrival);
      const fact = toKpiFact(event, arrival?.sequence);
      if (entry) entries.push(entry);
      if (fact) facts.push(fact);
    }
    await this.timeline.recordMany(entries);
    await this.facts.recordMany(facts);
  }
}
