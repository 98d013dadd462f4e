import type { PlannedItem } from './library-plan';

/** What the library day saw of one planned item (event ids: a redelivery counts once, a second fact twice). */
export interface ItemRecord {
  plan: PlannedItem;
  registered: Set<string>;
  shelfReady: Set<string>;
  damageReported: Set<string>;
  repaired: Set<string>;
  /** notifications sent to the item's patron for its shelf-ready event (by notification id) */
  mailsSent: Set<string>;
  mailsFailed: Set<string>;
  unassignable: number;
}

export interface LibraryTotals {
  items: number;
  received: number;
  registered: number;
  shelfReady: number;
  damagePlanned: number;
  repaired: number;
  mailsExpected: number;
  mailsSent: number;
  mailsFailed: number;
  lost: number;
  duplicated: number;
  unfinished: number;
  unassignable: number;
}

/** The library day's counts: what was planned, what each item's events said, what the patrons were sent. */
export class LibraryBook {
  readonly records = new Map<string, ItemRecord>();
  received = 0;
  readonly actionErrors: string[] = [];

  constructor(plan: readonly PlannedItem[]) {
    for (const item of plan)
      this.records.set(item.received.itemId, {
        plan: item,
        registered: new Set(),
        shelfReady: new Set(),
        damageReported: new Set(),
        repaired: new Set(),
        mailsSent: new Set(),
        mailsFailed: new Set(),
        unassignable: 0,
      });
  }

  record(itemId: unknown): ItemRecord | undefined {
    return typeof itemId === 'string' ? this.records.get(itemId) : undefined;
  }

  /** The item's lifecycle is over: on the shelf, repaired when planned damaged, its patron told. */
  static finished(r: ItemRecord): boolean {
    return r.shelfReady.size > 0 && (!r.plan.damage || r.repaired.size > 0) && (!r.plan.hold || r.mailsSent.size > 0);
  }

  done(): boolean {
    return [...this.records.values()].every(LibraryBook.finished);
  }

  totals(): LibraryTotals {
    const all = [...this.records.values()];
    const count = (f: (r: ItemRecord) => boolean) => all.filter(f).length;
    const held = all.filter((r) => r.plan.hold);
    const extra = (s: Set<string>) => Math.max(0, s.size - 1);
    return {
      items: all.length,
      received: this.received,
      registered: count((r) => r.registered.size > 0),
      shelfReady: count((r) => r.shelfReady.size > 0),
      damagePlanned: count((r) => Boolean(r.plan.damage)),
      repaired: count((r) => r.repaired.size > 0),
      mailsExpected: held.length,
      mailsSent: held.reduce((n, r) => n + r.mailsSent.size, 0),
      mailsFailed: held.reduce((n, r) => n + r.mailsFailed.size, 0),
      lost: held.filter((r) => r.mailsSent.size === 0).length,
      // a second mail, shelf-ready, repair or registration for one item is a duplicate (not a redelivery)
      duplicated: all.reduce(
        (n, r) =>
          n + extra(r.mailsSent) + extra(r.shelfReady) + extra(r.registered) + extra(r.repaired) + unplannedMails(r),
        0,
      ),
      unfinished: count((r) => !LibraryBook.finished(r)),
      unassignable: all.reduce((n, r) => n + r.unassignable, 0),
    };
  }
}

/** A mail for an item nobody held is one too many. */
const unplannedMails = (r: ItemRecord): number => (r.plan.hold ? 0 : r.mailsSent.size);

/** The summary lines, and whether the day passes: nothing lost, nothing duplicated, every item finished. */
export function librarySummary(t: LibraryTotals, elapsedMs: number): { lines: string[]; ok: boolean } {
  const ok = t.lost === 0 && t.duplicated === 0 && t.unfinished === 0;
  return {
    ok,
    lines: [
      `[sim] library day: ${(elapsedMs / 1000).toFixed(1)} s`,
      `  items      ${t.received}/${t.items} received · ${t.registered} registered · ${t.shelfReady} shelf-ready · ${t.repaired}/${t.damagePlanned} damaged repaired · ${t.unfinished} unfinished`,
      `  patrons    ${t.mailsExpected} mails expected · ${t.mailsSent} sent · ${t.mailsFailed} failed · ${t.lost} lost · ${t.duplicated} duplicated`,
      `  queue      ${t.unassignable} queue items dispatch could not assign`,
      ok ? '[sim] library day OK' : '[sim] library day FAILED: lost, duplicated or unfinished (see above)',
    ],
  };
}

export function libraryProgress(t: LibraryTotals, elapsedMs: number): string {
  return (
    `[sim ${String(Math.round(elapsedMs / 1000)).padStart(4)} s] library: received ${t.received}/${t.items} · ` +
    `shelf-ready ${t.shelfReady} · repaired ${t.repaired}/${t.damagePlanned} · mails ${t.mailsSent}/${t.mailsExpected}`
  );
}
