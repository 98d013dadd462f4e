import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { IDEMPOTENCY_KEY_MODEL, IdempotencyKeyDocument } from './idempotency-key.schema';

@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectModel(IDEMPOTENCY_KEY_MODEL) private readonly model: Model<IdempotencyKeyDocument>) {}

  async find(id: string): Promise<IdempotencyKeyDocument | undefined> {
    return (await this.model.findById(id).lean<IdempotencyKeyDocument>().exec()) ?? undefined;
  }

  /** Keeps an answer; false when another request with the same key kept one first. */
  async insert(kept: IdempotencyKeyDocument): Promise<boolean> {
    try {
      await this.model.insertMany([kept], { lean: true });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  }
}
