import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { MAINTENANCE_OVERDUE_MODEL, MaintenanceOverdueDocument } from './maintenance-overdue.schema';

export type MaintenanceOverdueFacts = Omit<MaintenanceOverdueDocument, '_id' | 'open' | 'updatedAt'>;

@Injectable()
export class MaintenanceOverdueRepository {
  constructor(@InjectModel(MAINTENANCE_OVERDUE_MODEL) private readonly model: Model<MaintenanceOverdueDocument>) {}

  /**
   * Flags the appliance's cycle overdue. Conditional on the cycle: a late redelivery of an earlier
   * cycle's notice (already completed) neither reopens nor overwrites a later one.
   */
  async record(facts: MaintenanceOverdueFacts): Promise<void> {
    const update = { $set: { ...facts, open: true, updatedAt: new Date().toISOString() } };
    const filter = { _id: facts.applianceId, cycle: { $lt: facts.cycle } };
    const result = await this.model.updateOne(filter, update).exec();
    if (result.matchedCount === 1) return;
    try {
      await this.model.insertMany([{ _id: facts.applianceId, ...update.$set }], { lean: true });
    } catch (err) {
      // the appliance has a document for this cycle or a later one already: nothing to change
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** A visit of `cycle` was completed: that cycle and earlier ones are off the board (idempotent). */
  async close(applianceId: string, cycle: number): Promise<void> {
    await this.model
      .updateOne(
        { _id: applianceId, cycle: { $lte: cycle } },
        { $set: { open: false, updatedAt: new Date().toISOString() } },
      )
      .exec();
  }

  open(): Promise<MaintenanceOverdueDocument[]> {
    return this.model.find({ open: true }).lean<MaintenanceOverdueDocument[]>().exec();
  }
}
