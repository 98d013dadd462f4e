const mongoose = require('mongoose');
(async () => {
  const t = Date.now();
  const c = await mongoose.createConnection('mongodb://127.0.0.1:27017', { dbName: process.argv[2] }).asPromise();
  console.log('connected', Date.now() - t);
  console.log(await c.db.command({ ping: 1 }), Date.now() - t);
  console.log(await c.collection('recipients').countDocuments(), Date.now() - t);
  console.log(await c.collection('notifications').estimatedDocumentCount(), Date.now() - t);
  await c.close();
})();
