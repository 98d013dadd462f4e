/**
 * OpenTelemetry for a service: traces of HTTP/Express, kafkajs and mongoose calls exported over
 * OTLP/HTTP. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set, and then loaded only here, so a service
 * without it never loads the SDK. Must run before Nest, kafkajs and mongoose are required: the
 * instrumentations patch those modules as they load (apps/<service>/src/main.ts imports
 * @appliance-care/telemetry/register first).
 */
export const telemetryEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) &&
  env['OTEL_SDK_DISABLED'] !== 'true';

/**
 * The service's name and, when several instances run (SERVICE_INSTANCE=n, set by `npm start --
 * --instances`), which one: `service.instance.id` = `dispatch#2`, the name its logs and Kafka client carry.
 */
export function resourceOf(service: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const name = env['OTEL_SERVICE_NAME'] || service;
  const instance = env['SERVICE_INSTANCE'];
  return { 'service.name': name, ...(instance ? { 'service.instance.id': `${name}#${instance}` } : {}) };
}

let started: { shutdown: () => Promise<void> } | undefined;

/** Probes and scrapers poll these; tracing them would bury the traces that matter. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

export function startTelemetry(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (started || !telemetryEnabled(env)) return Boolean(started);
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on (no cost when off) */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { KafkaJsInstrumentation } =
    require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  const { MongooseInstrumentation } =
    require('@opentelemetry/instrumentation-mongoose') as typeof import('@opentelemetry/instrumentation-mongoose');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    resource: resourceFromAttributes(resourceOf(service, env)),
    // exported within a second, so a trace is complete in Jaeger soon after the work is done
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 1000 })],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? '') }),
      new ExpressInstrumentation(),
      new KafkaJsInstrumentation(),
      // store calls inside a request, a handler or a job's span; not every poll of the relays and workers
      new MongooseInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  started = sdk;
  return true;
}

/** Flushes the spans still buffered (tests, and a process about to exit). */
export async function stopTelemetry(): Promise<void> {
  await started?.shutdown();
  started = undefined;
}
