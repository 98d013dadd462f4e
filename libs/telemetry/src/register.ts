/**
 * `import '@appliance-care/telemetry/register'` as the first import of a service's main.ts: starts
 * tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) before Nest, kafkajs and mongoose load. The
 * service name is OTEL_SERVICE_NAME, else the app folder the entry point lives in
 * (apps/<service>/src/main.ts, also when built into dist/apps/<service>/).
 */
import { startTelemetry } from './telemetry';

const entry = require.main?.filename ?? process.argv[1] ?? '';
const service = /[\\/]apps[\\/]([^\\/]+)[\\/]/.exec(entry)?.[1] ?? 'appliance-care';
startTelemetry(service);
