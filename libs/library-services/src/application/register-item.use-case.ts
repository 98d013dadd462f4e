import { Injectable } from '@nestjs/common';

import { LibraryItemReceived, LibrarySerialVolumeCompleted } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import { registered } from '../domain/item-cataloguing';
import { ItemState, NewItem, newItem } from '../domain/library-item';
import { ItemRepository } from '../persistence/item.repository';
import { envelopes } from './item-changes.unit-of-work';

export type ItemReceipt = Omit<LibraryItemReceived, 'orderId'>;

/** A journal volume's barcode, derived from its item id (the bindery labels it by this). */
export function volumeBarcode(itemId: string): string {
  const cleaned = itemId.replace(/[^A-Za-z0-9-]/g, '-');
  return cleaned.length >= 4 && cleaned.length <= 32 ? cleaned : `JV-${cleaned.slice(-29)}`.slice(0, 32);
}

/**
 * A new item enters technical services: received from acquisitions (Kafka or REST), or a serial's
 * completed volume to bind. One insert carries the item, its registered event and its first task's
 * request; a redelivery or a repeated request finds the item (same id and barcode) and registers
 * nothing twice, while another item with a taken barcode is refused (409).
 */
@Injectable()
export class RegisterItem {
  constructor(
    private readonly items: ItemRepository,
    private readonly events: EventFactory,
  ) {}

  async received(receipt: ItemReceipt, source: 'acquisitions' | 'staff', now = new Date()) {
    const { itemId, barcode, title, format, branch, cataloguing, receivedAt } = receipt;
    return this.register({ itemId, barcode, title, format, branch, cataloguing, receivedAt, source }, now);
  }

  /** library.serial.volume-completed.v1: the volume is a journal-volume item awaiting binding. */
  async volumeCompleted(volume: LibrarySerialVolumeCompleted, now = new Date()) {
    return this.register(
      {
        itemId: volume.itemId,
        barcode: volumeBarcode(volume.itemId),
        title: `${volume.title}, vol. ${volume.volume}`.slice(0, 500),
        format: 'journal-volume',
        branch: volume.branch,
        cataloguing: 'copy',
        source: 'serials',
        receivedAt: volume.completedAt,
        status: 'awaiting-binding',
      },
      now,
    );
  }

  private async register(input: NewItem, now: Date): Promise<{ item: ItemState; created: boolean }> {
    const change = registered(newItem(input, now), now);
    const created = await this.items.insert(change.state, envelopes(this.events, change.events, input.itemId));
    if (created) return { item: change.state, created };
    const existing = await this.items.find(input.itemId);
    if (existing && existing.barcode === input.barcode) return { item: existing, created: false };
    throw new BusinessRuleError(
      existing ? 'item-id-taken' : 'barcode-taken',
      existing
        ? `library item ${input.itemId} is registered with barcode ${existing.barcode}, not ${input.barcode}`
        : `barcode ${input.barcode} belongs to another library item`,
      { field: existing ? 'itemId' : 'barcode' },
    );
  }
}
