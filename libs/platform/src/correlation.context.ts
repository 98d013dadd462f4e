import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface CorrelationContext {
  /** one id per lifecycle thread */
  correlationId: string;
  /**
   * What is being handled, the cause of whatever is produced now: the consumed event's id, the HTTP
   * request's id (X-Request-Id), or the id of a job the service runs itself (a scan, a seed run).
   */
  causationId?: string;
  /** counts events produced in this context so that their ids are deterministic on redelivery */
  produced: number;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

export const Correlation = {
  run<T>(ctx: Omit<CorrelationContext, 'produced'>, fn: () => T): T {
    return storage.run({ ...ctx, produced: 0 }, fn);
  },
  current(): CorrelationContext | undefined {
    return storage.getStore();
  },
  /**
   * Work the service starts itself (a scheduled scan, a seed run) gets a fresh id, which becomes the
   * causation (and, unless given, the correlation) of what it produces.
   */
  runJob<T>(fn: (jobId: string) => T, correlationId?: string): T {
    const jobId = randomUUID();
    return storage.run({ correlationId: correlationId ?? jobId, causationId: jobId, produced: 0 }, () => fn(jobId));
  },
};
