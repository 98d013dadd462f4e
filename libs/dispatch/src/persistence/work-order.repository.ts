import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { withEvents } from '@appliance-care/messaging';

import { WorkOrderKind, WorkOrderStatus } from '../domain/work-order';
import { plain } from './technician.repository';
import { WORK_ORDER_MODEL, WorkOrderDocument, WorkOrderHistoryEntry } from './work-order.schema';

@Injectable()
export class WorkOrderRepository {
  constructor(@InjectModel(WORK_ORDER_MODEL) private readonly model: Model<WorkOrderDocument>) {}

  get(id: string): Promise<WorkOrderDocument | null> {
    return this.model.findById(id, { outbox: 0 }).lean<WorkOrderDocument>().exec();
  }

  /** One equality lookup each: FerretDB 1.24 does not push `$in` down and would decode the whole collection. */
  async many(ids: readonly string[]): Promise<WorkOrderDocument[]> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.get(id)));
    return found.filter((wo): wo is WorkOrderDocument => wo !== null);
  }

  /** Creates it once: a redelivered source event finds the one already there (false). */
  async createOnce(doc: Omit<WorkOrderDocument, 'outbox' | 'outboxPending'>): Promise<boolean> {
    try {
      await this.model.collection.insertOne({ ...plain(doc), outbox: [], outboxPending: false } as never);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  bySource(kind: WorkOrderKind, sourceId: string): Promise<WorkOrderDocument[]> {
    return this.model.find({ kind, sourceId }, { outbox: 0 }).lean<WorkOrderDocument[]>().exec();
  }

  /** One equality query per status (pushed down to PostgreSQL by FerretDB, unlike `$in`). */
  async withStatus(statuses: readonly WorkOrderStatus[], region?: string): Promise<WorkOrderDocument[]> {
    const lists = await Promise.all(
      [...new Set(statuses)].map((status) =>
        this.model
          .find(region ? { status, region } : { status }, { outbox: 0 })
          .lean<WorkOrderDocument[]>()
          .exec(),
      ),
    );
    return lists.flat();
  }

  /**
   * The state change and its events in one conditional single-document write; false when the work
   * order moved on since `version` (the caller reads again).
   */
  async transition(
    id: string,
    version: number,
    set: Partial<WorkOrderDocument>,
    history: WorkOrderHistoryEntry,
    events: EventEnvelope[],
    push: Record<string, unknown> = {},
    unset: readonly (keyof WorkOrderDocument)[] = [],
  ): Promise<boolean> {
    const update: UpdateQuery<WorkOrderDocument> = {
      $set: { ...set, version: version + 1, updatedAt: history.at },
      $push: { history, ...push },
      ...(unset.length ? { $unset: Object.fromEntries(unset.map((f) => [f, ''])) } : {}),
    };
    const res = await this.model.updateOne({ _id: id, version }, withEvents(update, events)).exec();
    return res.matchedCount === 1;
  }
}
