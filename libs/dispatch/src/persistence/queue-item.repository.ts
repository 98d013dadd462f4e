import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { insertWithEvents, withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep } from '@appliance-care/platform';

import { QueueItemState } from '../domain/queue-item';
import { QueueItemStatus } from '../domain/queue-item.state-machine';
import { QUEUE_ITEM_MODEL, QueueItemDocument } from './queue-item.schema';

/** What a decision or a close may change in a queue item; the task itself is fixed when it is created. */
const DECIDED_FIELDS = [
  'status',
  'requestedAt',
  'technicianId',
  'technicianName',
  'availableFrom',
  'reason',
  'outcome',
  'closedAt',
  'history',
  'updatedAt',
] as const satisfies readonly (keyof QueueItemState)[];

export interface QueueItemFilter {
  branch?: string;
  technicianId?: string;
  status?: QueueItemStatus;
}

@Injectable()
export class QueueItemRepository {
  constructor(@InjectModel(QUEUE_ITEM_MODEL) private readonly model: Model<QueueItemDocument>) {}

  get(taskId: string): Promise<QueueItemDocument | null> {
    return this.model.findById(taskId, { outbox: 0 }).lean<QueueItemDocument>().exec();
  }

  /** Oldest request first (an item closed before its request last). */
  list(filter: QueueItemFilter): Promise<QueueItemDocument[]> {
    return this.model
      .find(definedOnlyDeep({ ...filter }), { outbox: 0 })
      .sort({ createdAt: 1, _id: 1 })
      .lean<QueueItemDocument[]>()
      .exec();
  }

  /** Each technician's open load: the queue items assigned to them and not closed, counted in one query. */
  async openLoad(technicianIds: readonly string[]): Promise<Map<string, number>> {
    const counted = await this.model
      .aggregate<{ _id: string; open: number }>([
        { $match: { technicianId: { $in: [...technicianIds] }, status: 'assigned' } },
        { $group: { _id: '$technicianId', open: { $sum: 1 } } },
      ])
      .exec();
    const open = new Map(counted.map((c) => [c._id, c.open]));
    return new Map(technicianIds.map((id) => [id, open.get(id) ?? 0]));
  }

  /** Born with its decision's events, once: false when the task already has an item (a redelivery, a race). */
  insert(item: QueueItemState, events: readonly EventEnvelope[]): Promise<boolean> {
    return insertWithEvents(this.model, definedOnlyDeep({ ...item, _id: item.taskId }), events);
  }

  /** The item as decided, with its events, only if nobody changed it since `version` was read. */
  async save(item: QueueItemState, version: number, events: readonly EventEnvelope[]): Promise<boolean> {
    const set = Object.fromEntries(DECIDED_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
    // what the decision took away (the technician of an item that waits again)
    const unset = Object.fromEntries(DECIDED_FIELDS.filter((f) => item[f] === undefined).map((f) => [f, '']));
    const update: UpdateQuery<QueueItemDocument> = {
      $set: { ...definedOnlyDeep(set), version: version + 1 },
      ...(Object.keys(unset).length ? { $unset: unset } : {}),
    };
    const res = await this.model.updateOne({ _id: item.taskId, version }, withEvents(update, events)).exec();
    return res.matchedCount === 1;
  }
}
