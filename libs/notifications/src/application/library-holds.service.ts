import { Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, LibraryHoldPlaced } from '@appliance-care/contracts';

import { heldBy, perHold } from '../domain/library-hold-notices';
import { LibraryHoldRepository } from '../persistence/library-hold.repository';
import { RecipientService } from './recipient.service';

/**
 * Patrons' holds: a hold brings the patron's contact (they are a recipient like a customer, with
 * preferences), and a shelf-ready item is told to the patron of each of its holds. Both events are
 * keyed by the item, so a hold is always recorded before its item is shelf-ready.
 */
@Injectable()
export class LibraryHolds {
  private readonly logger = new Logger(LibraryHolds.name);

  constructor(
    private readonly holds: LibraryHoldRepository,
    private readonly recipients: RecipientService,
  ) {}

  async holdPlaced(hold: LibraryHoldPlaced): Promise<void> {
    const { patronId, name, email, locale } = hold.patron;
    await this.holds.record({
      _id: hold.holdId,
      itemId: hold.itemId,
      patronId,
      name,
      email,
      locale,
      placedAt: hold.placedAt,
    });
    // the newest hold's contact is the patron's (an older hold's redelivery does not overwrite it)
    await this.recipients.contactsChanged(patronId, { kind: 'patron', name, email, locale }, hold.placedAt);
  }

  /** The round's events with each shelf-ready one turned into one per hold (library-hold-notices.ts). */
  async perHold(events: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    const holdIds = events.flatMap(heldBy);
    const known = await this.holds.findMany(holdIds);
    const byHold = new Map([...known].map(([id, doc]) => [id, { holdId: id, patronId: doc.patronId }]));
    const { events: expanded, unknown } = perHold(events, byHold);
    if (unknown.length)
      this.logger.warn({ holdIds: unknown }, 'shelf-ready item names holds never placed: nobody told');
    return expanded;
  }
}
