const mongoose = require('mongoose');
(async () => {
  const c = await mongoose.createConnection('mongodb://127.0.0.1:27017').asPromise();
  const dbs = (await c.db.admin().listDatabases()).databases.map(d => d.name).filter(n => n.startsWith('t_dispatch_')).sort();
  const name = dbs[dbs.length - 1];
  console.log(dbs.length, name);
  const db = c.useDb(name).db;
  for (const col of await db.listCollections().toArray()) {
    const docs = await db.collection(col.name).find({}).limit(3).toArray();
    console.log(col.name, await db.collection(col.name).countDocuments(), JSON.stringify(docs).slice(0, 1500));
  }
  await c.close();
})();
