// Child process for the crash test: stores a state change with its event in the outbox, reports it,
// then waits to be SIGKILLed before any relay could publish it.
import mongoose from 'mongoose';

import { createEvent } from '@appliance-care/contracts';

import { outboxFields } from '../src';
import { counterModel } from './test-aggregate';

async function main(): Promise<void> {
  const [uri, db, id, serial] = process.argv.slice(2);
  const connection = await mongoose.createConnection(uri, { dbName: db }).asPromise();
  const event = createEvent({
    type: 'device.fault.reported.v1',
    source: '/test/kill-writer',
    subject: serial,
    data: { serialNumber: serial, errorCode: 'E-KILL', reportedAt: new Date().toISOString() },
  });
  await counterModel(connection).create({ _id: id, count: 1, ...outboxFields([event]) });
  process.stdout.write(`WRITTEN ${event.id}\n`);
  setInterval(() => undefined, 1000);
}

main().catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
