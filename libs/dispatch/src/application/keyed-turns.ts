/**
 * One at a time per key, the most pressing waiter next. Decisions on one region read the same
 * calendar copy: made concurrently they would all pick the same earliest slot and all but one
 * lose the booking race (and read again, and decide again). Taking turns per region keeps those
 * retries for races with other instances, and lets urgent work overtake a queue of normal work.
 */
export class KeyedTurns<T> {
  private readonly queues = new Map<string, { item: T; go: () => void }[]>();

  constructor(private readonly order: (a: T, b: T) => number) {}

  async run<R>(key: string, item: T, fn: () => Promise<R>): Promise<R> {
    const queue = this.queues.get(key);
    if (queue) {
      await new Promise<void>((go) => {
        const at = queue.findIndex((w) => this.order(item, w.item) < 0);
        queue.splice(at < 0 ? queue.length : at, 0, { item, go });
      });
    } else {
      this.queues.set(key, []);
    }
    try {
      return await fn();
    } finally {
      const next = this.queues.get(key)?.shift();
      if (next) next.go();
      else this.queues.delete(key);
    }
  }
}
