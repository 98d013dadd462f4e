import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { LIBRARY_HOLD_MODEL, LibraryHoldDoc } from './library-hold.schema';

@Injectable()
export class LibraryHoldRepository {
  constructor(@InjectModel(LIBRARY_HOLD_MODEL) private readonly model: Model<LibraryHoldDoc>) {}

  /** Insert-only by holdId: a redelivered hold.placed finds it there and changes nothing. */
  async record(hold: LibraryHoldDoc): Promise<void> {
    try {
      await this.model.create(hold);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** holdId → its hold, for the holds that are known. */
  async findMany(holdIds: readonly string[]): Promise<Map<string, LibraryHoldDoc>> {
    if (!holdIds.length) return new Map();
    const docs = await this.model
      .find({ _id: { $in: [...new Set(holdIds)] } })
      .lean<LibraryHoldDoc[]>()
      .exec();
    return new Map(docs.map((doc) => [doc._id, doc]));
  }
}
