import { Injectable } from '@nestjs/common';

import { TriageDecision } from '@appliance-care/contracts';
import { ForbiddenError } from '@appliance-care/platform';

import { placeHold, reportDamage, triage } from '../domain/item-circulation';
import { LibraryActor } from '../domain/library-access.policy';
import { Hold, ItemState } from '../domain/library-item';
import { ItemChanges } from './item-changes.unit-of-work';

export interface HoldRequest {
  name: string;
  email: string;
  locale?: string;
}

/** Circulation's side: patrons' holds on items in processing, damage reports, a librarian's triage. */
@Injectable()
export class Circulation {
  constructor(private readonly changes: ItemChanges) {}

  /** The patron (from the token) holds the item; once per patron: a second request answers the first hold. */
  async placeHold(
    itemId: string,
    actor: LibraryActor,
    request: HoldRequest,
    now = new Date(),
  ): Promise<{ item: ItemState; hold: Hold; placed: boolean }> {
    const patronId = actor.patronId;
    if (!patronId) throw new ForbiddenError('a hold is placed by a patron (the token carries no patronId)');
    const wanted = {
      patronId,
      name: request.name,
      email: request.email,
      locale: request.locale ?? 'en-GB',
      placedAt: now.toISOString(),
    };
    let hold: Hold | undefined;
    let placed = false;
    const item = await this.changes.change(itemId, (read) => {
      const outcome = placeHold(read, wanted);
      hold = outcome.hold;
      placed = outcome.change.events.length > 0;
      return placed ? outcome.change : undefined;
    });
    return { item, hold: hold!, placed };
  }

  reportDamage(itemId: string, actor: LibraryActor, damage: string, now = new Date()): Promise<ItemState> {
    return this.changes.change(itemId, (item) => reportDamage(item, damage, actor.technicianId ?? actor.sub, now));
  }

  triage(
    itemId: string,
    librarian: LibraryActor,
    decision: TriageDecision,
    reason: string | undefined,
    now = new Date(),
  ): Promise<ItemState> {
    return this.changes.change(itemId, (item) => triage(item, decision, librarian.sub, reason, now));
  }
}
