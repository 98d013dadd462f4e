import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { CONFLICT, Conflict, insertWithEvents, withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep } from '@appliance-care/platform';

import { ItemState } from '../domain/library-item';
import { ITEM_MODEL, ItemDocument } from './item.schema';

const NOT_STATE = {
  outbox: 0,
  outboxPending: 0,
  outboxRev: 0,
  outboxSince: 0,
  outboxParked: 0,
  shipmentReservedAt: 0,
  taskOpen: 0,
} as const;

/** Kept beside the tasks so that open queues are found by an index, not by reading every item. */
const taskOpen = (state: ItemState): boolean => state.tasks.some((t) => t.state !== 'closed');

function fromDoc({ _id, ...doc }: ItemDocument): ItemState {
  const fields = Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== null && value !== undefined));
  return { ...fields, itemId: _id } as ItemState;
}

export interface ItemFilter {
  status?: ItemState['status'];
  branch?: string;
  technicianId?: string;
  patronId?: string;
  /** items with a queue item not closed */
  openTask?: boolean;
  limit: number;
}

/** A change to write: the state as read, the state decided, and the events it carries. */
export interface ItemWrite {
  read: ItemState;
  next: ItemState;
  events: readonly EventEnvelope[];
}

/** The conditional write of a change: only over the version read; fields the new state lacks removed. */
function replacement({ read, next, events }: ItemWrite): {
  filter: QueryFilter<ItemDocument>;
  update: UpdateQuery<ItemDocument>;
} {
  const { itemId: _id, ...state } = definedOnlyDeep(next);
  // fields the new state no longer has (a repaired item's damage, a returned shipment) are removed
  const gone = Object.keys(read).filter((field) => field !== 'itemId' && !(field in state));
  const update = withEvents<ItemDocument>(
    {
      $set: { ...state, taskOpen: taskOpen(next), version: read.version + 1 },
      ...(gone.length ? { $unset: Object.fromEntries(gone.map((field) => [field, ''])) } : {}),
    },
    events,
  );
  return { filter: { _id: read.itemId, version: read.version }, update };
}

/** Library items: each change one conditional write (on the version) carrying its events. */
@Injectable()
export class ItemRepository {
  constructor(@InjectModel(ITEM_MODEL) private readonly model: Model<ItemDocument>) {}

  /** Stores a new item born with its events; false when its id or its barcode is taken. */
  insert(state: ItemState, events: readonly EventEnvelope[]): Promise<boolean> {
    const { itemId, ...rest } = definedOnlyDeep(state);
    return insertWithEvents(this.model, { _id: itemId, ...rest, taskOpen: taskOpen(state) }, events);
  }

  async find(itemId: string): Promise<ItemState | undefined> {
    const doc = await this.model.findById(itemId, NOT_STATE).lean<ItemDocument>().exec();
    return doc ? fromDoc(doc) : undefined;
  }

  async findMany(itemIds: readonly string[]): Promise<ItemState[]> {
    const docs = await this.model
      .find({ _id: { $in: itemIds } }, NOT_STATE)
      .lean<ItemDocument[]>()
      .exec();
    return docs.map(fromDoc);
  }

  /** Writes `next` over the version it was read at, with its events; CONFLICT when it moved meanwhile. */
  async replace(read: ItemState, next: ItemState, events: readonly EventEnvelope[]): Promise<true | Conflict> {
    const { filter, update } = replacement({ read, next, events });
    const res = await this.model.updateOne(filter, update).exec();
    return res.matchedCount === 1 ? true : CONFLICT;
  }

  /** Many replaces in one bulk write; false when any item had moved since it was read (that one not written). */
  async replaceEach(writes: readonly ItemWrite[]): Promise<boolean> {
    if (writes.length === 0) return true;
    const res = await this.model.bulkWrite(
      writes.map((write) => ({ updateOne: replacement(write) })),
      { ordered: false },
    );
    return res.matchedCount === writes.length;
  }

  /**
   * Reserves items awaiting binding for a shipment, in one bulk write: each free, already this
   * shipment's, or taken over from the holder `abandoned` names for it (a reservation whose shipment
   * the caller found never written). The ids now reserved for the shipment.
   */
  async reserveForShipment(
    itemIds: readonly string[],
    shipmentId: string,
    abandoned: ReadonlyMap<string, string>,
  ): Promise<string[]> {
    const reservedAt = new Date().toISOString();
    const holders = (itemId: string): QueryFilter<ItemDocument>[] => {
      const stale = abandoned.get(itemId);
      return [{ shipmentId: { $exists: false } }, { shipmentId }, ...(stale ? [{ shipmentId: stale }] : [])];
    };
    const res = await this.model.bulkWrite(
      itemIds.map((itemId) => ({
        updateOne: {
          filter: { _id: itemId, status: 'awaiting-binding', $or: holders(itemId) },
          update: { $set: { shipmentId, shipmentReservedAt: reservedAt }, $inc: { version: 1 } },
        },
      })),
      { ordered: false },
    );
    if (res.matchedCount === itemIds.length) return [...itemIds];
    const held = await this.model
      .find({ _id: { $in: itemIds }, shipmentId }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    return held.map((doc) => doc._id);
  }

  /** When the reservation for `shipmentId` was made (undefined: not reserved for it). */
  async reservedAt(itemId: string, shipmentId: string): Promise<string | undefined> {
    const doc = await this.model.findOne({ _id: itemId, shipmentId }, { shipmentReservedAt: 1 }).lean().exec();
    return (doc as { shipmentReservedAt?: string } | null)?.shipmentReservedAt;
  }

  /** Frees the items a shipment that could not go had reserved. */
  async releaseReservations(itemIds: readonly string[], shipmentId: string): Promise<void> {
    await this.model
      .updateMany(
        { _id: { $in: itemIds }, shipmentId, status: 'awaiting-binding' },
        { $unset: { shipmentId: '', shipmentReservedAt: '' }, $inc: { version: 1 } },
      )
      .exec();
  }

  async list(filter: ItemFilter): Promise<ItemState[]> {
    const query: QueryFilter<ItemDocument> = {};
    if (filter.status) query.status = filter.status;
    if (filter.branch) query.branch = filter.branch;
    if (filter.technicianId) query['tasks.technicianId'] = filter.technicianId;
    if (filter.patronId) query['holds.patronId'] = filter.patronId;
    if (filter.openTask) query.taskOpen = true;
    const docs = await this.model
      .find(query, NOT_STATE)
      .sort({ registeredAt: 1, _id: 1 })
      .limit(filter.limit)
      .lean<ItemDocument[]>()
      .exec();
    return docs.map(fromDoc);
  }
}
