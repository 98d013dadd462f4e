import { Injectable, Logger } from '@nestjs/common';

import { LibraryBindingShipmentReturned, LibraryBindingShipmentSent } from '@appliance-care/contracts';
import { EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { returnShipment, sendShipment, ShipmentState, unshippable } from '../domain/binding-shipment';
import { returnedFromBindery, sentToBindery } from '../domain/item-circulation';
import { LibraryActor } from '../domain/library-access.policy';
import { ItemState } from '../domain/library-item';
import { ItemRepository } from '../persistence/item.repository';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { envelopes, ItemChanges } from './item-changes.unit-of-work';

export interface ShipmentRequest {
  shipmentId: string;
  bindery: string;
  items: { itemId: string; instructions: string }[];
}

/** A reservation older than this whose shipment was never written (its request died) is freed. */
const STALE_RESERVATION_MS = 2 * 60_000;

/**
 * Bindery shipments without a multi-document write: the items asked for are first reserved for the
 * shipment (a conditional update each, in one bulk write: an item goes in one shipment only), then the
 * shipment document is written with its sent event in its own outbox, and the items follow by
 * consuming that event (awaiting-binding → at-bindery, their binding-prep task closed), every item's
 * conditional write in one bulk write, idempotently. The return is the same: the shipment's returned event,
 * then each item back to available. A request that dies between reserving and writing leaves
 * reservations that a later shipment frees (no shipment of that id exists after STALE_RESERVATION_MS).
 */
@Injectable()
export class Binding {
  private readonly logger = new Logger(Binding.name);

  constructor(
    private readonly items: ItemRepository,
    private readonly shipments: ShipmentRepository,
    private readonly changes: ItemChanges,
    private readonly events: EventFactory,
  ) {}

  async send(request: ShipmentRequest, actor: LibraryActor, now = new Date()): Promise<ShipmentState> {
    const existing = await this.shipments.find(request.shipmentId);
    if (existing) return existing;
    const ids = request.items.map((i) => i.itemId);
    await this.reserve(request.shipmentId, ids, now);
    const found = await this.items.findMany(ids);
    const lines = ids.map((id) => found.find((i) => i.itemId === id)!);
    const change = sendShipment(
      {
        shipmentId: request.shipmentId,
        bindery: request.bindery,
        items: lines.map(({ itemId, barcode, title }) => ({ itemId, barcode, title })),
        slip: request.items,
        sentBy: actor.technicianId ?? actor.sub,
      },
      lines,
      now,
    );
    const stored = await this.shipments.insert(change.state, envelopes(this.events, change.events, request.shipmentId));
    return stored ? change.state : ((await this.shipments.find(request.shipmentId)) ?? change.state);
  }

  async returned(shipmentId: string, actor: LibraryActor, now = new Date()): Promise<ShipmentState> {
    return untilWritten(`bindery shipment ${shipmentId}`, async () => {
      const read = await this.shipments.find(shipmentId);
      if (!read) throw new NotFoundError('bindery shipment', shipmentId);
      const change = returnShipment(read, actor.technicianId ?? actor.sub, now);
      const written = await this.shipments.replace(
        read,
        change.state,
        envelopes(this.events, change.events, shipmentId),
      );
      return written === true ? change.state : written;
    });
  }

  /** library.binding.shipment-sent.v1 (own): each item of the shipment goes to the bindery, once. */
  async followSent(event: LibraryBindingShipmentSent, now = new Date()): Promise<void> {
    const ids = event.items.map((i) => i.itemId);
    const items = await this.changes.eachKnown(ids, (read) => sentToBindery(read, event.shipmentId, now));
    for (const item of items) {
      if (item.status !== 'at-bindery')
        this.logger.warn({ itemId: item.itemId, shipmentId: event.shipmentId }, 'item not sent');
    }
  }

  /** library.binding.shipment-returned.v1 (own): each item of the shipment is available again, once. */
  async followReturned(event: LibraryBindingShipmentReturned): Promise<void> {
    const ids = event.items.map((i) => i.itemId);
    await this.changes.eachKnown(ids, (read) => returnedFromBindery(read, event.shipmentId));
  }

  /** Reserves every item for the shipment, or none: 409 naming the items that cannot go and why. */
  private async reserve(shipmentId: string, ids: string[], now: Date): Promise<void> {
    const found = await this.items.findMany(ids);
    const stale = new Map<string, string>();
    for (const item of found) {
      if (item.shipmentId && item.shipmentId !== shipmentId && (await this.abandoned(item, now)))
        stale.set(item.itemId, item.shipmentId);
    }
    const elsewhere = (item: ItemState) =>
      item.shipmentId !== undefined && item.shipmentId !== shipmentId && !stale.has(item.itemId);
    const refused = unshippable(ids, found, elsewhere);
    if (refused.length === 0) {
      const taken = new Set(await this.items.reserveForShipment(ids, shipmentId, stale));
      if (taken.size === ids.length) return;
      await this.items.releaseReservations([...taken], shipmentId);
      refused.push(
        ...ids
          .filter((id) => !taken.has(id))
          .map((itemId) => ({ itemId, status: 'taken by another shipment meanwhile' })),
      );
    }
    throw new BusinessRuleError(
      'not-awaiting-binding',
      `only items awaiting binding can be shipped: ${refused.map((r) => `${r.itemId} (${r.status})`).join(', ')}`,
      { field: 'items', items: refused },
    );
  }

  /** Reserved for a shipment that was never written, long enough ago that its request is over. */
  private async abandoned(item: ItemState, now: Date): Promise<boolean> {
    if (await this.shipments.find(item.shipmentId!)) return false;
    const at = await this.items.reservedAt(item.itemId, item.shipmentId!);
    return at !== undefined && now.getTime() - Date.parse(at) > STALE_RESERVATION_MS;
  }
}
