import { Injectable } from '@nestjs/common';

import { CatalogueRecord } from '@appliance-care/contracts';
import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

import { approve, catalogue, completeProcessing, returnRecord } from '../domain/item-cataloguing';
import { completeRepair } from '../domain/item-circulation';
import { LibraryActor, stepDecision } from '../domain/library-access.policy';
import { ItemChange, ItemState } from '../domain/library-item';
import { ItemChanges } from './item-changes.unit-of-work';

/**
 * The work on an item, step by step: a technician's steps (cataloguing, processing, repair) by the
 * one its open queue item is assigned to (a librarian or admin may act for them), and a librarian's
 * approval or return of an original record. The state machine refuses a step out of turn (409).
 */
@Injectable()
export class ItemSteps {
  constructor(private readonly changes: ItemChanges) {}

  catalogue(itemId: string, actor: LibraryActor, record: CatalogueRecord, now = new Date()): Promise<ItemState> {
    return this.technicianStep(itemId, actor, (item, technicianId) => catalogue(item, record, technicianId, now));
  }

  completeProcessing(itemId: string, actor: LibraryActor, now = new Date()): Promise<ItemState> {
    return this.technicianStep(itemId, actor, (item, technicianId) => completeProcessing(item, technicianId, now));
  }

  completeRepair(itemId: string, actor: LibraryActor, notes: string | undefined, now = new Date()): Promise<ItemState> {
    return this.technicianStep(itemId, actor, (item, technicianId) => completeRepair(item, technicianId, notes, now));
  }

  approve(itemId: string, librarian: LibraryActor, now = new Date()): Promise<ItemState> {
    return this.changes.change(itemId, (item) => approve(item, librarian.sub, now));
  }

  returnRecord(itemId: string, librarian: LibraryActor, reason: string, now = new Date()): Promise<ItemState> {
    return this.changes.change(itemId, (item) => returnRecord(item, librarian.sub, reason, now));
  }

  /** Authorised before the item's state is looked at: someone else's item discloses nothing. */
  private technicianStep(
    itemId: string,
    actor: LibraryActor,
    step: (item: ItemState, technicianId: string) => ItemChange,
  ): Promise<ItemState> {
    return this.changes.change(itemId, (item) => {
      const decision = stepDecision(actor, item);
      if (!decision.allowed) {
        if (decision.refusal === 'not-found') throw new NotFoundError('library item', itemId);
        throw new ForbiddenError(decision.reason);
      }
      return step(item, decision.technicianId);
    });
  }
}
