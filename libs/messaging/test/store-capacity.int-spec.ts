import { AnyBulkWriteOperation, Collection, MongoClient } from 'mongodb';

import { isolateTestEnv, testDatabase, TestEnv } from '@appliance-care/testing';

/**
 * The store stays live when one command or many concurrent ones need more PostgreSQL connections
 * than FerretDB's pool has (pool_max_conns 200 in tools/infra.js). FerretDB 1.24 kept every
 * statement's query iterator of an `update` command open until the command returned, so one
 * bulkWrite of 1,000 updateOne held 200 connections and waited forever for the 201st (fixed by
 * tools/infra/ferretdb/patches/0001-…); and each update statement holds one connection while its
 * write waits for another, so ~200 concurrent statements could hold-and-wait the pool dry (fixed
 * by the front's --max-in-flight cap). Either way the whole instance stopped answering. Plain
 * driver, no application code.
 */
interface Doc {
  _id: string;
  n: number;
}

const BULK = 1_000;
const SINGLES = 300;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('store: capacity (statements and concurrency beyond the connection pool)', () => {
  let env: TestEnv;
  let bulkClient: MongoClient;
  let parallelClient: MongoClient;
  let bulkDocs: Collection<Doc>;
  let parallelDocs: Collection<Doc>;

  beforeAll(async () => {
    env = isolateTestEnv('store-capacity');
    const dbName = testDatabase('store-capacity', env);
    // a deadlocked store answers nothing: a request unanswered for 20 s fails instead of hanging the run
    const options = { socketTimeoutMS: 20_000 };
    bulkClient = await new MongoClient(env.mongoUri, { ...options, maxPoolSize: 2 }).connect();
    // SINGLES connections, all open before the test starts, so that the single updates below reach
    // the store at once (as many services' pools do) instead of trickling in as connections open:
    // SINGLES pings at once on an empty pool open one connection each
    parallelClient = new MongoClient(env.mongoUri, { ...options, maxPoolSize: SINGLES, maxConnecting: SINGLES });
    let opened = 0;
    parallelClient.on('connectionReady', () => opened++);
    await parallelClient.connect();
    await Promise.all(range(SINGLES).map(() => parallelClient.db('admin').command({ ping: 1 })));
    expect(opened).toBe(SINGLES);
    bulkDocs = bulkClient.db(dbName).collection<Doc>('bulk');
    parallelDocs = parallelClient.db(dbName).collection<Doc>('parallel');
    await bulkDocs.insertMany(range(BULK).map((i) => ({ _id: `b-${i}`, n: 0 })));
    await parallelDocs.insertMany(range(SINGLES).map((i) => ({ _id: `s-${i}`, n: 0 })));
  });

  afterAll(async () => {
    await bulkClient
      ?.db(testDatabase('store-capacity', env))
      .dropDatabase()
      .catch(() => undefined);
    await Promise.all([bulkClient?.close(true), parallelClient?.close(true)]);
  });

  it(`applies one ordered bulkWrite of ${BULK} updateOne by _id alongside ${SINGLES} parallel single updates`, async () => {
    const operations: AnyBulkWriteOperation<Doc>[] = range(BULK).map((i) => ({
      updateOne: { filter: { _id: `b-${i}` }, update: { $inc: { n: 1 } } },
    }));
    const [bulk, singles] = await Promise.all([
      bulkDocs.bulkWrite(operations, { ordered: true }),
      Promise.all(range(SINGLES).map((i) => parallelDocs.updateOne({ _id: `s-${i}` }, { $inc: { n: 1 } }))),
    ]);

    expect({ matched: bulk.matchedCount, modified: bulk.modifiedCount }).toEqual({ matched: BULK, modified: BULK });
    expect(singles.filter((r) => r.modifiedCount === 1)).toHaveLength(SINGLES);
    expect(await bulkDocs.countDocuments({ n: 1 })).toBe(BULK);
    expect(await parallelDocs.countDocuments({ n: 1 })).toBe(SINGLES);
    // and the store still answers everyone else
    expect(await parallelClient.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it(`answers ${SINGLES} parallel updates of one document, one connection each, keeping all of them`, async () => {
    await parallelDocs.insertOne({ _id: 'hot', n: 0 });
    const results = await Promise.all(
      range(SINGLES).map(() => parallelDocs.updateOne({ _id: 'hot' }, { $inc: { n: 1 } })),
    );
    expect(results.every((r) => r.modifiedCount === 1)).toBe(true);
    expect((await parallelDocs.findOne({ _id: 'hot' }))?.n).toBe(SINGLES);
  });
});
