import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep, isDuplicateKey } from '@appliance-care/platform';

import { WorkOrder } from '../domain/work-order';
import { WorkOrderKind, WorkOrderState } from '../domain/work-order.state';
import { WorkOrderStatus } from '../domain/work-order.state-machine';
import { WORK_ORDER_MODEL, WorkOrderDocument } from './work-order.schema';

/** What a decision may change in a work order; the rest is fixed when it is created. */
const DECIDED_FIELDS = [
  'status',
  'technicianId',
  'technicianName',
  'window',
  'bookingId',
  'day',
  'reason',
  'declinedBy',
  'releasedBookingIds',
  'override',
  'history',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof WorkOrderState)[];

/** The fields to set, and those the decision removed (a declined order gives its booking up). */
function updateFor(order: WorkOrder): UpdateQuery<WorkOrderDocument> {
  const set: Partial<Record<(typeof DECIDED_FIELDS)[number], unknown>> = {};
  const unset: Record<string, ''> = {};
  for (const field of DECIDED_FIELDS) {
    if (order.state[field] !== undefined) set[field] = order.state[field];
    else if (order.before[field] !== undefined) unset[field] = '';
  }
  return { $set: definedOnlyDeep(set), ...(Object.keys(unset).length ? { $unset: unset } : {}) };
}

@Injectable()
export class WorkOrderRepository {
  constructor(@InjectModel(WORK_ORDER_MODEL) private readonly model: Model<WorkOrderDocument>) {}

  get(id: string): Promise<WorkOrderDocument | null> {
    return this.model.findById(id, { outbox: 0 }).lean<WorkOrderDocument>().exec();
  }

  /** One read for all of them (the local FerretDB serves `_id: {$in}` by its index, as MongoDB does). */
  many(ids: readonly string[]): Promise<WorkOrderDocument[]> {
    return this.model
      .find({ _id: { $in: [...new Set(ids)] } }, { outbox: 0 })
      .lean<WorkOrderDocument[]>()
      .exec();
  }

  /** Creates it once: a redelivered source event finds the one already there (false). */
  async createOnce(state: WorkOrderState): Promise<boolean> {
    try {
      // lean: stored as given (no defaults, no casting), as every later write conditions on it
      await this.model.insertMany(
        [{ ...definedOnlyDeep(state), _id: state.workOrderId, outbox: [], outboxPending: false }],
        {
          lean: true,
        },
      );
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  bySource(kind: WorkOrderKind, sourceId: string): Promise<WorkOrderDocument[]> {
    return this.model.find({ kind, sourceId }, { outbox: 0 }).lean<WorkOrderDocument[]>().exec();
  }

  /** The booked (not yet started) orders a technician holds: equality on the indexed technicianId. */
  assignedTo(technicianId: string): Promise<WorkOrderDocument[]> {
    return this.model.find({ technicianId, status: 'assigned' }, { outbox: 0 }).lean<WorkOrderDocument[]>().exec();
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
   * What the aggregate decided and its events, in one single-document write conditioned on the
   * version it was decided on; false when the order moved on meanwhile (decide again on a fresh copy).
   */
  async save(order: WorkOrder, events: EventEnvelope[]): Promise<boolean> {
    const written = await this.model
      .updateOne({ _id: order.id, version: order.before.version }, withEvents(updateFor(order), events))
      .exec();
    return written.matchedCount === 1;
  }
}
