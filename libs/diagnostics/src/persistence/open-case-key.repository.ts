import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { OPEN_CASE_KEY_MODEL, OpenCaseKeyDocument } from './open-case-key.schema';

/** The open case each device fault points at (see OpenCaseKeyDocument). */
@Injectable()
export class OpenCaseKeyRepository {
  constructor(@InjectModel(OPEN_CASE_KEY_MODEL) private readonly model: Model<OpenCaseKeyDocument>) {}

  /**
   * The key as it stands, created pointing at `caseId` if there was none; null when another first
   * fault created it at the same moment (read it again).
   */
  async claim(key: string, caseId: string): Promise<OpenCaseKeyDocument | null> {
    // repeats find the key already there: a read spares the store a write on the hot path
    const existing = await this.model.findById(key).lean<OpenCaseKeyDocument>().exec();
    if (existing) return existing;
    try {
      return await this.model
        .findOneAndUpdate(
          { _id: key },
          { $setOnInsert: { caseId, updatedAt: new Date().toISOString() } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<OpenCaseKeyDocument>()
        .exec();
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** Points the key at another case, unless it no longer points at `fromCaseId` (compare-and-set). */
  async move(key: string, fromCaseId: string, toCaseId: string): Promise<void> {
    await this.model
      .updateOne({ _id: key, caseId: fromCaseId }, { $set: { caseId: toCaseId, updatedAt: new Date().toISOString() } })
      .exec();
  }
}
