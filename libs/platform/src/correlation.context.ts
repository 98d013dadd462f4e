import { AsyncLocalStorage } from 'node:async_hooks';

export interface CorrelationContext {
  /** one id per lifecycle thread */
  correlationId: string;
  /** the event or request being handled: the cause of whatever is produced now */
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
};
