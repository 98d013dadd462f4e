/**
 * One way to change an aggregate: load a fresh copy, decide, make one conditional write carrying the
 * state and its events (see withEvents), and start again when another writer got there first.
 * The relay is woken by the write itself (withOutbox's hooks), never by the caller.
 */

/** Returned by an attempt whose conditional write matched nothing: someone changed the aggregate meanwhile. */
export const CONFLICT: unique symbol = Symbol('write conflict');
export type Conflict = typeof CONFLICT;

/**
 * The aggregate kept changing under every attempt. Transient, not the caller's fault: a handler
 * retries it with backoff (it is not a DomainError, so it never dead-letters an event), REST
 * answers 503 with Retry-After.
 */
export class WriteConflictError extends Error {
  readonly retryable = true;
  constructor(
    readonly aggregate: string,
    readonly attempts: number,
  ) {
    super(`${aggregate} kept changing concurrently (${attempts} attempts); try again`);
    this.name = 'WriteConflictError';
  }
}

export interface OptimisticWriteOptions {
  /** attempts before WriteConflictError; 8 unless the aggregate is known to be hot */
  attempts?: number;
}

const DEFAULT_ATTEMPTS = 8;

/** A few ms, growing and jittered, so that racing writers do not collide again in lock-step. */
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));

/**
 * Runs `attempt` until it returns something other than CONFLICT. `aggregate` names what is being
 * changed ("repair ticket R-1") for the error.
 */
export async function untilWritten<T>(
  aggregate: string,
  attempt: (attemptNumber: number) => Promise<T | Conflict>,
  options: OptimisticWriteOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let attemptNumber = 1; attemptNumber <= attempts; attemptNumber++) {
    const outcome = await attempt(attemptNumber);
    if (outcome !== CONFLICT) return outcome;
    if (attemptNumber < attempts) await pause(attemptNumber);
  }
  throw new WriteConflictError(aggregate, attempts);
}
