const mongoose = require('mongoose');
(async () => {
  const c = await mongoose.createConnection('mongodb://127.0.0.1:27017', { dbName: process.argv[2] }).asPromise();
  const days = await c.db.collection('calendar_days').find({}).toArray();
  for (const d of days.slice(0, 3)) console.log(d._id, d.version, d.bookings.length, d.bookings.map(b => new Date(b.from).toISOString().slice(11,16) + '-' + new Date(b.blockedUntil).toISOString().slice(11,16)).sort().join(' '));
  console.log(days.map(d => `${d._id}:${d.bookings.length}`).join(' '));
  await c.close();
})();
