const mongoose = require('mongoose');
(async () => {
  const c = await mongoose.createConnection('mongodb://127.0.0.1:27017', { dbName: process.argv[2] }).asPromise();
  const t = Date.now();
  const agg = await c.collection('notifications').aggregate([{ $group: { _id: { s: '$status', c: '$channel' }, n: { $sum: 1 } } }]).toArray();
  console.log(JSON.stringify(agg), 'outboxPending', await c.collection('notifications').countDocuments({outboxPending: true}), 'took', Date.now() - t);
  const one = await c.collection('notifications').find({status: 'pending'}).limit(3).toArray();
  console.log(JSON.stringify(one.map(o => ({id: o._id, due: o.dueAt, claim: o.claim, attempts: o.attempts, err: o.lastError}))), new Date());
  console.log('inbox', await c.collection('inbox').countDocuments());
  await c.close();
})();
