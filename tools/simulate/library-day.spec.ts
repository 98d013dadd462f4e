import { LibraryBook, librarySummary } from './library-book';
import { planLibraryDay } from './library-plan';
import { parseOptions } from './options';

const settings = { items: 20, originalRate: 0.3, holdRate: 0.4, damageRate: 0.2, seed: 7, runId: 'abc' };

describe('the library day', () => {
  it('plans the same day for the same seed, another for another, with every kind of item in a large enough plan', () => {
    const plan = planLibraryDay(settings, 0);
    expect(planLibraryDay(settings, 0)).toEqual(plan);
    expect(planLibraryDay({ ...settings, seed: 8 }, 0)).not.toEqual(plan);
    expect(new Set(plan.map((i) => i.received.itemId)).size).toBe(20);
    expect(plan.some((i) => i.received.cataloguing === 'original')).toBe(true);
    expect(plan.some((i) => i.hold)).toBe(true);
    expect(plan.some((i) => i.damage)).toBe(true);
  });

  it('reads --library and its flags, with defaults, and refuses a share out of range', () => {
    const o = parseOptions(['--library', '--items', '3', '--hold-rate', '1'], {}, 'seed.json', 0);
    expect(o.library).toEqual({
      items: 3,
      originalRate: 0.3,
      holdRate: 1,
      damageRate: 0.2,
      libraryUrl: 'http://127.0.0.1:3008',
    });
    expect(parseOptions([], {}, 'seed.json', 0).library).toBeUndefined();
    expect(() => parseOptions(['--library', '--damage-rate', '2'], {}, 'seed.json', 0)).toThrow(/--damage-rate/);
    expect(() => parseOptions(['--help'], {}, 'seed.json', 0)).toThrow(/--library/);
  });

  it('passes only with every item finished, no mail lost, none duplicated', () => {
    const plan = planLibraryDay({ ...settings, items: 2, holdRate: 1, damageRate: 0 }, 0);
    const book = new LibraryBook(plan);
    const [a, b] = [...book.records.values()];
    for (const r of [a, b]) {
      r.registered.add(`reg-${r.plan.received.itemId}`);
      r.shelfReady.add(`ready-${r.plan.received.itemId}`);
    }
    a.mailsSent.add('n1');
    expect(book.done()).toBe(false);
    expect(book.totals()).toMatchObject({ mailsExpected: 2, mailsSent: 1, lost: 1, unfinished: 1 });
    expect(librarySummary(book.totals(), 1000).ok).toBe(false);

    b.mailsSent.add('n2');
    expect(librarySummary(book.totals(), 1000).ok).toBe(true);
    a.mailsSent.add('n3'); // a second mail for the same hold
    expect(book.totals()).toMatchObject({ duplicated: 1, lost: 0 });
    expect(librarySummary(book.totals(), 1000).ok).toBe(false);
  });
});
