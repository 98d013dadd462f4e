import { Injectable } from '@nestjs/common';

import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory, untilWritten } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { ItemChange, ItemState, LibraryEvent } from '../domain/library-item';
import { ItemRepository } from '../persistence/item.repository';

/** What a caller decides on a fresh copy of the item: a change to store, or undefined for none. */
export type ItemDecision = (item: ItemState) => ItemChange | undefined;

/** The envelopes of an aggregate's events, each with its key's subject. */
export function envelopes(factory: EventFactory, events: readonly LibraryEvent[], subject: string): EventEnvelope[] {
  return events.map((e) => factory.create(e.type, e.data as never, { subject }));
}

/**
 * The unit of work of an item change: load a fresh copy, decide, store the new state with its events
 * in one conditional write, and decide again on a conflict.
 */
@Injectable()
export class ItemChanges {
  constructor(
    private readonly items: ItemRepository,
    private readonly factory: EventFactory,
  ) {}

  /** The item after the change (as it was when nothing changed); 404 for an unknown item. */
  change(itemId: string, decide: ItemDecision): Promise<ItemState> {
    return untilWritten(`library item ${itemId}`, async () => {
      const read = await this.items.find(itemId);
      if (!read) throw new NotFoundError('library item', itemId);
      const change = decide(read);
      if (!change) return read;
      const written = await this.items.replace(read, change.state, envelopes(this.factory, change.events, itemId));
      return written === true ? { ...change.state, version: read.version + 1 } : written;
    });
  }

  /**
   * The same decision for many items (an event's effect on each): one read and one bulk write; items
   * this service does not know are left out. When any item moved meanwhile, each is decided again on
   * its own (a decision is idempotent: one already written decides nothing on its fresh copy).
   */
  async eachKnown(itemIds: readonly string[], decide: ItemDecision): Promise<ItemState[]> {
    const read = await this.items.findMany(itemIds);
    const decided = read.map((item) => ({ item, change: decide(item) }));
    const writes = decided.flatMap(({ item, change }) =>
      change ? [{ read: item, next: change.state, events: envelopes(this.factory, change.events, item.itemId) }] : [],
    );
    if (!(await this.items.replaceEach(writes))) {
      return Promise.all(read.map((item) => this.change(item.itemId, decide)));
    }
    return decided.map(({ item, change }) => (change ? { ...change.state, version: item.version + 1 } : item));
  }

  /** As change, for an event's effect on an item this service may not know: nothing for an unknown item. */
  async ifKnown(itemId: string, decide: ItemDecision): Promise<ItemState | undefined> {
    if (!(await this.items.find(itemId))) return undefined;
    return this.change(itemId, decide);
  }
}
