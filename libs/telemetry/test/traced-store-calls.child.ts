// Child process of telemetry.int-spec.ts: tracing started first (as a service's main.ts does),
// then a mongoose model's calls against the real store inside an event's span, then a flush.
import { startTelemetry, stopTelemetry } from '../src/telemetry';

startTelemetry('telemetry-test');

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the instrumentations, on purpose
const mongoose = require('mongoose') as typeof import('mongoose');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inEventSpan, currentTraceContext } = require('../src/trace-context') as typeof import('../src/trace-context');

async function main(): Promise<void> {
  const connection = await mongoose
    .createConnection(process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017', {
      dbName: process.env['TEST_DATABASE'],
    })
    .asPromise();
  const Probe = connection.model('TraceProbe', new mongoose.Schema({ _id: String, n: Number }));
  const writer = await inEventSpan({ name: 'write', kind: 'producer' }, async (carrier) => {
    await Probe.create({ _id: `probe-${process.pid}`, n: 1 });
    return carrier;
  });
  await inEventSpan({ name: 'handle probe', kind: 'consumer', parent: writer }, async () => {
    await Probe.findById(`probe-${process.pid}`).lean();
    process.stdout.write(`${JSON.stringify({ writer, handler: currentTraceContext() })}\n`);
  });
  await connection.dropDatabase();
  await connection.close();
  await stopTelemetry();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
