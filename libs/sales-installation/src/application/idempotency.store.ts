import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { BusinessRuleError, ValidationFailedError } from '@appliance-care/platform';

import { fingerprint } from '../domain/purchase.policy';
import { IDEMPOTENCY_KEY_MODEL, IdempotencyKeyDocument } from '../persistence/idempotency-key.schema';
import { isDuplicateKeyOnly } from '../persistence/mongo-errors';

export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Idempotency-Key for creating POSTs: the same key with the same body gets the first answer again;
 * the same key with another body is refused (422). Only successful answers are kept: a refusal is
 * decided afresh, and the operation behind it is idempotent on its own (a crash before the answer is
 * kept re-runs it harmlessly).
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectModel(IDEMPOTENCY_KEY_MODEL) private readonly keys: Model<IdempotencyKeyDocument>) {}

  async run<T>(
    scope: string,
    key: string | undefined,
    request: unknown,
    operation: () => Promise<{ status: number; body: T }>,
  ): Promise<Answer<T>> {
    if (key === undefined) return { ...(await operation()), replayed: false };
    if (!KEY.test(key)) {
      throw new ValidationFailedError('invalid Idempotency-Key header: 1 to 200 visible ASCII characters', [
        { field: 'Idempotency-Key', message: '1 to 200 visible ASCII characters' },
      ]);
    }
    const id = `${scope}|${key}`;
    const requestHash = fingerprint(request);
    const kept = await this.keys.findById(id).lean<IdempotencyKeyDocument>().exec();
    if (kept) return this.replay<T>(kept, requestHash, key);
    const answer = await operation();
    try {
      await this.keys.collection.insertOne({
        _id: id,
        requestHash,
        status: answer.status,
        body: answer.body,
        createdAt: new Date(),
      } as never);
    } catch (err) {
      if (!isDuplicateKeyOnly(err)) throw err;
      const winner = await this.keys.findById(id).lean<IdempotencyKeyDocument>().exec();
      if (winner) return this.replay<T>(winner, requestHash, key);
    }
    return { ...answer, replayed: false };
  }

  private replay<T>(kept: IdempotencyKeyDocument, requestHash: string, key: string): Answer<T> {
    if (kept.requestHash !== requestHash) {
      throw new BusinessRuleError(
        'idempotency-key-reused',
        `Idempotency-Key ${key} was already used with a different request body; use a new key for a different request`,
        undefined,
        422,
      );
    }
    return { status: kept.status, body: kept.body as T, replayed: true };
  }
}
