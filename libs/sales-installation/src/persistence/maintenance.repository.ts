import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { withEvents } from '@appliance-care/messaging';

import { MaintenanceScheduleState } from '../domain/maintenance-schedule';
import { APPLIANCE_MODEL, ApplianceDocument } from './appliance.schema';
import { scheduleFields } from './maintenance-fields';

/** A registered appliance as the maintenance use cases see it: without the relay's outbox. */
export type MaintainedAppliance = Omit<
  ApplianceDocument,
  'outbox' | 'outboxPending' | 'outboxRev' | 'outboxSince' | 'outboxParked'
>;

const WITHOUT_OUTBOX = { outbox: 0, outboxPending: 0, outboxRev: 0, outboxSince: 0, outboxParked: 0 } as const;

/**
 * The maintenance schedules, stored on their appliances (one document: the schedule changes with
 * its events in one write, conditional on maintenanceVersion, which a concurrent writer moves).
 */
@Injectable()
export class MaintenanceRepository {
  constructor(@InjectModel(APPLIANCE_MODEL) private readonly model: Model<ApplianceDocument>) {}

  async find(applianceId: string): Promise<MaintainedAppliance | undefined> {
    return (
      (await this.model
        .findOne({ _id: applianceId, status: 'registered' }, WITHOUT_OUTBOX)
        .lean<MaintainedAppliance>()
        .exec()) ?? undefined
    );
  }

  async findByWorkOrder(workOrderId: string): Promise<MaintainedAppliance | undefined> {
    return (
      (await this.model
        .findOne({ maintenanceWorkOrderId: workOrderId, status: 'registered' }, WITHOUT_OUTBOX)
        .lean<MaintainedAppliance>()
        .exec()) ?? undefined
    );
  }

  /** Ids of registered appliances whose schedule has a decision due by `now`, the longest-waiting first. */
  async withCheckDue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.model
      .find({ maintenanceCheckAt: { $lte: now.toISOString() }, status: 'registered' }, { _id: 1 })
      .sort({ maintenanceCheckAt: 1, _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>()
      .exec();
    return docs.map((doc) => doc._id);
  }

  /**
   * Writes the schedule with its events if the appliance's schedule is still at the version read
   * (absent: no schedule yet). Returns false when another writer changed it first.
   */
  async save(
    appliance: MaintainedAppliance,
    state: MaintenanceScheduleState,
    events: readonly EventEnvelope[],
  ): Promise<boolean> {
    const read = appliance.maintenanceVersion;
    const update = scheduleFields(state, (read ?? 0) + 1);
    const query: UpdateQuery<ApplianceDocument> = Object.keys(update.$unset).length ? update : { $set: update.$set };
    const result = await this.model
      .updateOne(
        { _id: appliance._id, status: 'registered', maintenanceVersion: read ?? { $exists: false } },
        withEvents(query, events),
      )
      .exec();
    return result.matchedCount === 1;
  }
}
