import mongoose, { Schema } from 'mongoose';
import { createEvent } from '@appliance-care/contracts';
import { outboxFields, withOutbox, documentLocksFor } from '@appliance-care/messaging';
async function main() {
  const uri = process.argv[2];
  const c = await mongoose.createConnection(uri, { dbName: 'dbg_' + Date.now() }).asPromise();
  const M = c.model('A', withOutbox(new Schema({ _id: String, n: Number }, { versionKey: false })));
  await M.init();
  const N = Number(process.argv[3] ?? 200);
  const docs = Array.from({ length: 500 }, (_, i) => ({ _id: 'a' + i, n: i, ...outboxFields([createEvent({ type: 'device.fault.reported.v1', source: '/x', data: { serialNumber: 'S' + i, errorCode: 'E', reportedAt: new Date().toISOString() } })]) }));
  let t = Date.now(); await M.insertMany(docs); console.log('insertMany 500', Date.now() - t);
  t = Date.now(); const found = await M.find({ outboxPending: true }, { outbox: 1 }).limit(N).lean(); console.log('find pending', found.length, Date.now() - t);
  const locks = (await documentLocksFor(c))!;
  t = Date.now(); const cl = await locks.claimMany(found.map((d) => 'a:' + d._id)); console.log('claimMany', cl.claimed.length, Date.now() - t);
  t = Date.now(); await M.collection.bulkWrite(found.map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $pullAll: { outbox: d.outbox } } } })) as never, { ordered: false }); console.log('bulk pullAll', Date.now() - t);
  t = Date.now(); await M.collection.updateMany({ _id: { $in: found.map((d) => d._id) }, outbox: { $size: 0 } } as never, { $set: { outboxPending: false } }); console.log('clear flags', Date.now() - t);
  t = Date.now(); await cl.release(); console.log('release', Date.now() - t);
  t = Date.now(); for (let i = 0; i < 50; i++) await M.updateOne({ _id: 'a' + (300 + i) }, { $set: { n: 1 } }); console.log('50 locked updateOne', Date.now() - t);
  t = Date.now(); for (let i = 0; i < 50; i++) await M.collection.updateOne({ _id: 'a' + (350 + i) } as never, { $set: { n: 1 } }); console.log('50 raw updateOne', Date.now() - t);
  t = Date.now(); for (let i = 0; i < 50; i++) await M.findById('a' + (400 + i)).lean(); console.log('50 findById', Date.now() - t);
  await c.dropDatabase(); await c.close();
}
main();
