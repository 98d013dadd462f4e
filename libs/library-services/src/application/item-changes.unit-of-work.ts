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

  /** As change, for an event's effect on an item this service may not know: nothing for an unknown item. */
  async ifKnown(itemId: string, decide: ItemDecision): Promise<ItemState | undefined> {
    if (!(await this.items.find(itemId))) return undefined;
    return this.change(itemId, decide);
  }
}
