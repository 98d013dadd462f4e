import { Collection, Document, MongoClient } from 'mongodb';

import { isolateTestEnv, testDatabase, TestEnv } from '@appliance-care/testing';

/**
 * The store reads by index what the services look up by id or by an indexed field, so a lookup
 * costs the same at 3,000 documents as at 3 million. FerretDB 1.24 pushed every equality down as
 * containment (`@>`), which its btree indexes cannot serve, and `{$in}` not at all: each such
 * lookup read the whole table (fixed by tools/infra/ferretdb/patches/0002-…). A range (what is due
 * by now) is applied by the store too, so a sweep reads what is due, not every document of its status
 * (patches/0003-…), and so is a limit beside a filter, so a batch of what is due reads a batch, not the
 * whole backlog (patches/0005-…). The plan is the store's own explain: PostgreSQL's under FerretDB, the query
 * planner's under MongoDB. Plain driver, no application code; the results are checked too (an array
 * holding the value still matches).
 */
interface Doc {
  _id: string;
  status: string;
  tags: string[];
  n: number;
  dueAt: Date | Date[] | number | string;
  day: string | string[];
}

const DOCS = 3_000;
const FULL_SCAN = /Seq Scan|COLLSCAN/;
const INDEX_SCAN = /Index Scan|IXSCAN/;
const BASE = Date.UTC(2026, 0, 1);
const dueAt = (i: number) => new Date(BASE + i * 1000);
const day = (i: number) => `day-${String(i).padStart(4, '0')}`;

describe('store: lookups by id and by an indexed field read an index, not the whole collection', () => {
  let env: TestEnv;
  let client: MongoClient;
  let docs: Collection<Doc>;

  beforeAll(async () => {
    env = isolateTestEnv('store-indexes');
    client = await new MongoClient(env.mongoUri).connect();
    docs = client.db(testDatabase('store-indexes', env)).collection<Doc>('docs');
    await docs.createIndex({ status: 1 });
    await docs.createIndex({ tags: 1, n: -1 });
    await docs.createIndex({ status: 1, dueAt: 1 });
    await docs.createIndex({ status: 1, day: 1 });
    await docs.insertMany([
      ...Array.from({ length: DOCS }, (_, i) => ({
        _id: `d-${i}`,
        status: i % 1000 === 7 ? 'rare' : 'common',
        tags: i === 42 ? ['blue', 'green'] : ['grey'],
        n: i,
        dueAt: dueAt(i),
        day: day(i),
      })),
      // a range matches an array by its elements, and only values of its own type
      { _id: 'odd-array', status: 'odd', tags: [], n: -1, dueAt: [dueAt(5000), dueAt(0)], day: [day(9000), day(1)] },
      { _id: 'odd-number', status: 'odd', tags: [], n: -2, dueAt: 0, day: day(5000) },
      { _id: 'odd-string', status: 'odd', tags: [], n: -3, dueAt: '1970-01-01', day: day(5000) },
    ]);
  });

  afterAll(async () => {
    await client
      ?.db(testDatabase('store-indexes', env))
      .dropDatabase()
      .catch(() => undefined);
    await client?.close(true);
  });

  /** The ids found and the store's plan for the filter, as text. */
  async function lookUp(filter: Document): Promise<{ ids: string[]; plan: string }> {
    const found = await docs.find(filter).sort({ _id: 1 }).toArray();
    const plan = JSON.stringify(await docs.find(filter).explain());
    return { ids: found.map((d) => d._id), plan };
  }

  it.each([
    ['_id', { _id: 'd-7' }, ['d-7']],
    ['_id and another field (a conditional write)', { _id: 'd-7', status: 'rare' }, ['d-7']],
    ['_id among many', { _id: { $in: ['d-7', 'd-1007', 'd-9999'] } }, ['d-1007', 'd-7']],
    ['an indexed field', { status: 'rare' }, ['d-1007', 'd-2007', 'd-7']],
    ['an indexed array holding the value', { tags: 'green' }, ['d-42']],
    ['an indexed field among many values', { status: { $in: ['rare', 'gone'] } }, ['d-1007', 'd-2007', 'd-7']],
    ['an indexed array holding one of many values', { tags: { $in: ['green', 'red'] } }, ['d-42']],
    ['an indexed field and a date range', { status: 'rare', dueAt: { $lte: dueAt(1007) } }, ['d-1007', 'd-7']],
    [
      'an indexed field and a string range',
      { status: 'rare', day: { $gt: day(7), $lte: day(2007) } },
      ['d-1007', 'd-2007'],
    ],
  ])('%s', async (_what, filter, expected) => {
    const { ids, plan } = await lookUp(filter);
    expect(ids).toEqual(expected);
    expect({ fullScan: FULL_SCAN.test(plan), indexScan: INDEX_SCAN.test(plan) }).toEqual({
      fullScan: false,
      indexScan: true,
    });
  });

  it.each([
    ['a date range', { status: 'common', dueAt: { $lt: dueAt(3) } }, 'dueAt'],
    ['a string range', { status: 'common', day: { $gte: day(2990) } }, 'day'],
  ])('applies %s itself: what is out of range never leaves the store', async (_what, filter, field) => {
    const plan = await docs.find(filter).explain();
    // MongoDB: the index's bounds on the field; FerretDB: PostgreSQL's filter on it (without, only the status)
    const winning = JSON.stringify(plan['queryPlanner']?.['winningPlan'] ?? plan['queryPlanner']);
    expect(winning).toContain(field);
  });

  it('compares a range with values of its own type, and with the elements of an array', async () => {
    expect((await lookUp({ status: 'odd', dueAt: { $lte: dueAt(0) } })).ids).toEqual(['odd-array']);
    expect((await lookUp({ status: 'odd', dueAt: { $gt: dueAt(4000) } })).ids).toEqual(['odd-array']);
    expect((await lookUp({ status: 'odd', day: { $lt: day(2) } })).ids).toEqual(['odd-array']);
    expect((await lookUp({ status: 'odd', day: { $gte: day(5000) } })).ids).toEqual([
      'odd-array',
      'odd-number',
      'odd-string',
    ]);
  });

  it('stops reading at the limit beside a filter: a batch of what is due reads a batch', async () => {
    const plan = JSON.stringify(
      await docs
        .find({ status: 'common', dueAt: { $lte: dueAt(2500) } })
        .limit(5)
        .explain(),
    );
    // PostgreSQL's plan under FerretDB, the query planner's under MongoDB
    expect(plan).toMatch(/"Limit"|"LIMIT"/);
    const found = await docs
      .find({ status: 'common', dueAt: { $lte: dueAt(2500) } })
      .limit(5)
      .toArray();
    expect(found).toHaveLength(5);
    expect(found.every((d) => d.status === 'common' && (d.dueAt as Date) <= dueAt(2500))).toBe(true);
  });

  it('finds the limit beside a filter that the store applies only in part (more rows read, never fewer matches)', async () => {
    // `n` as a number range and `tags.0` (a dotted path) are not applied by PostgreSQL under FerretDB:
    // its rows are those of the status, most of which fail the rest of the filter
    const filter = { status: 'common', n: { $gte: 2990 }, 'tags.0': 'grey' };
    const found = await docs.find(filter).limit(5).toArray();
    expect(found).toHaveLength(5);
    expect(found.every((d) => d.n >= 2990 && d.tags[0] === 'grey')).toBe(true);
    expect(await docs.find(filter).limit(100).toArray()).toHaveLength(10);
    expect((await docs.findOne({ status: 'common', n: 2999 }))?._id).toBe('d-2999');
    expect(await docs.findOne({ status: 'common', n: 3001 })).toBeNull();
  });

  it('still finds what it cannot look up by index (values of mixed types)', async () => {
    expect((await lookUp({ _id: { $in: ['d-7', 12345] } })).ids).toEqual(['d-7']);
    expect((await lookUp({ status: { $in: ['rare', 7] }, n: { $lt: 1500 } })).ids).toEqual(['d-1007', 'd-7']);
  });
});
