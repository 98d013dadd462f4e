/**
 * Group commit: callers each submit one item and await its own result, while the items go to the
 * store together — everything submitted while a write is in flight goes in the next one. When
 * quiet an item is written at once, with those submitted in the same tick (no added wait); under load one write carries as many items as
 * arrived during the last, so the store sees fewer, larger commands instead of one per item.
 *
 * `write` gets the items in submission order and answers each in the same position; when it
 * throws, every item of that write is rejected with the error (the next write starts afresh).
 */
export class GroupCommit<Item, Result> {
  private queued: { item: Item; resolve: (result: Result) => void; reject: (err: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly maxItems = 500,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // after the current tick: the items submitted in it go together
      queueMicrotask(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const taken = this.queued.splice(0, this.maxItems);
        try {
          const results = await this.write(taken.map(({ item }) => item));
          taken.forEach(({ resolve }, i) => resolve(results[i] as Result));
        } catch (err) {
          for (const { reject } of taken) reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
