import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { TypedEnvelope } from '@appliance-care/contracts';
import { LibraryDigestFacts, LibraryHolds } from '@appliance-care/notifications';

/**
 * The library's facts notifications keeps: patrons' holds (whom a shelf-ready item tells; the
 * shelf-ready item itself goes through the rules, LifecycleEventHandler) and what the supervisors'
 * daily digest lists (late serials, approvals waiting).
 */
@Controller()
export class LibraryEventsHandler {
  constructor(
    private readonly holds: LibraryHolds,
    private readonly digest: LibraryDigestFacts,
  ) {}

  @EventPattern('library.hold.placed.v1')
  holdPlaced(event: TypedEnvelope<'library.hold.placed.v1'>): Promise<void> {
    return this.holds.holdPlaced(event.data);
  }

  @EventPattern('library.serial.claimed.v1')
  serialClaimed(event: TypedEnvelope<'library.serial.claimed.v1'>): Promise<void> {
    return this.digest.serialClaimed(event.data);
  }

  @EventPattern('library.serial.issue-received.v1')
  issueReceived(event: TypedEnvelope<'library.serial.issue-received.v1'>): Promise<void> {
    return this.digest.issueReceived(event.data);
  }

  @EventPattern('library.cataloguing.submitted.v1')
  cataloguingSubmitted(event: TypedEnvelope<'library.cataloguing.submitted.v1'>): Promise<void> {
    return this.digest.cataloguingSubmitted(event.data);
  }

  @EventPattern(['library.cataloguing.completed.v1', 'library.cataloguing.returned.v1'])
  cataloguingClosed(
    event: TypedEnvelope<'library.cataloguing.completed.v1'> | TypedEnvelope<'library.cataloguing.returned.v1'>,
  ): Promise<void> {
    return this.digest.cataloguingClosed(event.data);
  }
}
