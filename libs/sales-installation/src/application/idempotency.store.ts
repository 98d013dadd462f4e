import { Injectable } from '@nestjs/common';

import { BusinessRuleError, ValidationFailedError } from '@appliance-care/platform';

import { fingerprint } from '../domain/purchase.policy';
import { IdempotencyKeyRepository } from '../persistence/idempotency-key.repository';
import { IdempotencyKeyDocument } from '../persistence/idempotency-key.schema';

export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/**
 * Idempotency-Key for creating POSTs: the same key with the same body gets the first answer again;
 * the same key with another body is refused (422). Only successful answers are kept: a refusal is
 * decided afresh, and the operation behind it is idempotent on its own (a crash before the answer is
 * kept re-runs it harmlessly).
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly keys: IdempotencyKeyRepository) {}

  async run<T>(
    scope: string,
    key: string | undefined,
    request: unknown,
    operation: () => Promise<{ status: number; body: T }>,
  ): Promise<Answer<T>> {
    if (key === undefined) return { ...(await operation()), replayed: false };
    if (!KEY_FORMAT.test(key)) {
      throw new ValidationFailedError('invalid Idempotency-Key header: 1 to 200 visible ASCII characters', [
        { field: 'Idempotency-Key', message: '1 to 200 visible ASCII characters' },
      ]);
    }
    const id = `${scope}|${key}`;
    const requestHash = fingerprint(request);
    const kept = await this.keys.find(id);
    if (kept) return this.replay<T>(kept, requestHash, key);
    const answer = await operation();
    const first = await this.keys.insert({
      _id: id,
      requestHash,
      status: answer.status,
      body: answer.body,
      createdAt: new Date(),
    });
    const winner = first ? undefined : await this.keys.find(id);
    return winner ? this.replay<T>(winner, requestHash, key) : { ...answer, replayed: false };
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
