import mongoose, { Connection, Model, Schema } from 'mongoose';

import { isolateTestEnv, testDatabase, TestEnv } from '@appliance-care/testing';

/**
 * The store honours MongoDB's single-document atomicity: concurrent updates of one document never
 * lose each other and a conditional update has one winner. Plain mongoose, no application-level
 * locking (this file imports nothing from libs/messaging/src, so no plugin is registered): on
 * FerretDB this holds only because of the write-serialising front in tools/infra/ferretdb.
 */
interface Doc {
  _id: string;
  n: number;
  m: number;
  version: number;
  winner?: number;
  items: number[];
  group?: string;
}

describe('store: single-document atomicity under concurrency', () => {
  let env: TestEnv;
  let connection: Connection;
  let docs: Model<Doc>;

  beforeAll(async () => {
    env = isolateTestEnv('store-atomicity');
    connection = await mongoose
      .createConnection(env.mongoUri, { dbName: testDatabase('store-atomicity', env), maxPoolSize: 100 })
      .asPromise();
    const schema = new Schema<Doc>(
      {
        _id: String,
        n: { type: Number, default: 0 },
        m: { type: Number, default: 0 },
        version: { type: Number, default: 1 },
        winner: Number,
        items: { type: [Number], default: [] },
        group: String,
      },
      { versionKey: false },
    );
    docs = connection.model<Doc>('AtomicityDoc', schema);
    await docs.init();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

  it('keeps every one of 200 concurrent $inc of one document', async () => {
    await docs.create({ _id: 'inc' });
    const results = await Promise.all(range(200).map(() => docs.updateOne({ _id: 'inc' }, { $inc: { n: 1 } })));
    expect(results.every((r) => r.modifiedCount === 1)).toBe(true);
    expect((await docs.findById('inc').lean())?.n).toBe(200);
  });

  it('gives a version-conditional update exactly one winner among 20', async () => {
    await docs.create({ _id: 'cond', version: 1 });
    const results = await Promise.all(
      range(20).map((i) => docs.updateOne({ _id: 'cond', version: 1 }, { $set: { version: 2, winner: i } })),
    );
    const winners = range(20).filter((i) => results[i].modifiedCount === 1);
    expect(winners).toHaveLength(1);
    expect(await docs.findById('cond').lean()).toMatchObject({ version: 2, winner: winners[0] });
  });

  it('keeps all 50 concurrent $push to one array', async () => {
    await docs.create({ _id: 'push' });
    await Promise.all(range(50).map((i) => docs.updateOne({ _id: 'push' }, { $push: { items: i } })));
    const items = (await docs.findById('push').lean())?.items ?? [];
    expect([...items].sort((a, b) => a - b)).toEqual(range(50));
  });

  it('returns distinct values from concurrent findOneAndUpdate $inc by _id', async () => {
    await docs.create({ _id: 'seq' });
    const returned = await Promise.all(
      range(50).map(() =>
        docs.findOneAndUpdate({ _id: 'seq' }, { $inc: { n: 1 } }, { returnDocument: 'after' }).lean(),
      ),
    );
    expect(returned.map((d) => d?.n).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(range(50).map((i) => i + 1));
    expect((await docs.findById('seq').lean())?.n).toBe(50);
  });

  it('loses nothing when updateMany by another field races $inc by _id', async () => {
    const ids = range(10).map((i) => `many-${i}`);
    await docs.insertMany(ids.map((_id) => ({ _id, group: 'racing' })));
    await Promise.all([
      ...range(10).map(() => docs.updateMany({ group: 'racing' }, { $inc: { m: 1 } })),
      ...ids.flatMap((_id) => range(10).map(() => docs.updateOne({ _id }, { $inc: { n: 1 } }))),
    ]);
    const after = await docs.find({ group: 'racing' }).sort({ _id: 1 }).lean();
    expect(after.map(({ _id, n, m }) => ({ _id, n, m }))).toEqual(ids.map((_id) => ({ _id, n: 10, m: 10 })));
  });

  // bulk writes of updates by _id: the relay's clearing, the notification claims and outcomes
  const updateById = (_id: string, filter: object, update: object) => ({
    updateOne: { filter: { _id, ...filter }, update },
  });

  it('keeps every $inc of 20 concurrent bulk writes over the same 10 documents, in any order', async () => {
    const ids = range(10).map((i) => `bulk-inc-${i}`);
    await docs.insertMany(ids.map((_id) => ({ _id })));
    const shuffled = (seed: number) => ids.map((_, i) => ids[(i * 3 + seed) % ids.length]);
    const results = await Promise.all(
      range(20).map((seed) =>
        docs.bulkWrite(
          shuffled(seed).map((_id) => updateById(_id, {}, { $inc: { n: 1 } })),
          { ordered: false },
        ),
      ),
    );
    expect(results.map((r) => [r.matchedCount, r.modifiedCount])).toEqual(range(20).map(() => [10, 10]));
    const after = await docs.find({ _id: { $in: ids } }).lean();
    expect(after.map((d) => d.n)).toEqual(ids.map(() => 20));
  });

  it('gives each document of 10 concurrent conditional bulk claims exactly one winner', async () => {
    const ids = range(10).map((i) => `bulk-claim-${i}`);
    await docs.insertMany(ids.map((_id) => ({ _id, version: 1 })));
    const results = await Promise.all(
      range(10).map((i) =>
        docs.bulkWrite(
          ids.map((_id) => updateById(_id, { version: 1 }, { $set: { version: 2, winner: i } })),
          { ordered: false },
        ),
      ),
    );
    expect(results.reduce((sum, r) => sum + r.modifiedCount, 0)).toBe(10);
    const after = await docs.find({ _id: { $in: ids } }).lean();
    expect(after.map((d) => d.version)).toEqual(ids.map(() => 2));
    const claimsPerWinner = range(10).map((i) => after.filter((d) => d.winner === i).length);
    expect(claimsPerWinner).toEqual(results.map((r) => r.modifiedCount));
  });

  it('counts a bulk write by _id as the store does: unmatched filters, unknown ids and no-op updates', async () => {
    await docs.insertMany([
      { _id: 'bulk-a', version: 1, n: 5 },
      { _id: 'bulk-b', version: 1, n: 5 },
      { _id: 'bulk-c', version: 3, n: 5 },
    ]);
    const result = await docs.bulkWrite(
      [
        updateById('bulk-a', { version: 1 }, { $set: { n: 6 }, $push: { items: 1 } }), // matched, modified
        updateById('bulk-b', { version: 1 }, { $set: { n: 5 } }), // matched, already so
        updateById('bulk-c', { version: 1 }, { $set: { n: 7 } }), // filter misses
        updateById('bulk-missing', {}, { $set: { n: 8 } }), // no such document
      ],
      { ordered: false },
    );
    expect([result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([2, 1, 0]);
    const after = await docs
      .find({ _id: { $in: ['bulk-a', 'bulk-b', 'bulk-c', 'bulk-missing'] } })
      .sort({ _id: 1 })
      .lean();
    expect(after.map(({ _id, n, items }) => ({ _id, n, items }))).toEqual([
      { _id: 'bulk-a', n: 6, items: [1] },
      { _id: 'bulk-b', n: 5, items: [] },
      { _id: 'bulk-c', n: 5, items: [] },
    ]);
  });
});
