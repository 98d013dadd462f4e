import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope } from '@appliance-care/contracts';
import { BATCH } from '@appliance-care/messaging';
import {
  arrivalOf,
  LibraryItemTimelineRepository,
  libraryTimelineEventTypes,
  toLibraryItemEntries,
} from '@appliance-care/portal';

/**
 * Every library item event (a shipment's: one per item in it) becomes a timeline entry keyed by the
 * event id (and the item's): a round's entries in one insert, a redelivered round adds nothing.
 */
@Controller()
export class LibraryItemEventsHandler {
  constructor(private readonly timeline: LibraryItemTimelineRepository) {}

  @EventPattern(libraryTimelineEventTypes(), BATCH)
  async handle(events: EventEnvelope[]): Promise<void> {
    await this.timeline.recordMany(events.flatMap((event) => toLibraryItemEntries(event, arrivalOf(event))));
  }
}
