import { Collection, Document, MongoClient } from 'mongodb';

import { isolateTestEnv, testDatabase, TestEnv } from '@appliance-care/testing';

/**
 * The store reads by index what the services look up by id or by an indexed field, so a lookup
 * costs the same at 3,000 documents as at 3 million. FerretDB 1.24 pushed every equality down as
 * containment (`@>`), which its btree indexes cannot serve, and `{$in}` not at all: each such
 * lookup read the whole table (fixed by tools/infra/ferretdb/patches/0002-…). The plan is the
 * store's own explain: PostgreSQL's under FerretDB, the query planner's under MongoDB. Plain driver,
 * no application code; the results are checked too (an array holding the value still matches).
 */
interface Doc {
  _id: string;
  status: string;
  tags: string[];
  n: number;
}

const DOCS = 3_000;
const FULL_SCAN = /Seq Scan|COLLSCAN/;
const INDEX_SCAN = /Index Scan|IXSCAN/;

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
    await docs.insertMany(
      Array.from({ length: DOCS }, (_, i) => ({
        _id: `d-${i}`,
        status: i % 1000 === 7 ? 'rare' : 'common',
        tags: i === 42 ? ['blue', 'green'] : ['grey'],
        n: i,
      })),
    );
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
  ])('%s', async (_what, filter, expected) => {
    const { ids, plan } = await lookUp(filter);
    expect(ids).toEqual(expected);
    expect({ fullScan: FULL_SCAN.test(plan), indexScan: INDEX_SCAN.test(plan) }).toEqual({
      fullScan: false,
      indexScan: true,
    });
  });

  it('still finds what it cannot look up by index (values of mixed types)', async () => {
    expect((await lookUp({ _id: { $in: ['d-7', 12345] } })).ids).toEqual(['d-7']);
    expect((await lookUp({ status: { $in: ['rare', 7] }, n: { $lt: 1500 } })).ids).toEqual(['d-1007', 'd-7']);
  });
});
