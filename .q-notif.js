const mongoose = require('mongoose');
(async () => {
  const c = await mongoose.createConnection('mongodb://127.0.0.1:27017').asPromise();
  const dbs = (await c.db.admin().listDatabases()).databases.map(d => d.name).filter(n => n.startsWith('bench_notif'));
  for (const n of dbs) {
    const d = c.useDb(n);
    const agg = await d.collection('notifications').aggregate([{ $group: { _id: { s: '$status', c: '$channel' }, n: { $sum: 1 } } }]).toArray();
    console.log(n, JSON.stringify(agg), await d.collection('notifications').countDocuments({outboxPending: true}));
  }
  await c.close();
})();
