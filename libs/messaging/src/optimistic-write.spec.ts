import { isDomainError } from '@appliance-care/platform';

import { classify } from './errors';
import { CONFLICT, untilWritten, WriteConflictError } from './optimistic-write';

describe('untilWritten', () => {
  it('returns the first attempt that is not a conflict', async () => {
    const seen: number[] = [];
    const result = await untilWritten('repair ticket R-1', async (attempt) => {
      seen.push(attempt);
      return attempt < 3 ? CONFLICT : 'saved';
    });
    expect(result).toBe('saved');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up after its attempts with a transient error that names the aggregate', async () => {
    const attempt = jest.fn(async () => CONFLICT);
    const failure = await untilWritten('case C-7', attempt, { attempts: 4 }).catch((err: unknown) => err);
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(failure).toBeInstanceOf(WriteConflictError);
    expect((failure as Error).message).toContain('case C-7');
    expect(isDomainError(failure)).toBe(false);
    expect(classify(failure).poison).toBe(false);
  });

  it('lets any other error of an attempt through at once', async () => {
    const attempt = jest.fn(async () => {
      throw new TypeError('boom');
    });
    await expect(untilWritten('work order W-1', attempt)).rejects.toThrow('boom');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
