import path from 'node:path';

import { dataOf, E2eSystem } from './support/e2e-system';
import { ROOT } from './support/service-processes';

/** Jaeger through the project's infra (tools/infra/jaeger.js: built once into .cache/, idempotent start). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- tools/ is plain node
const infra = require(path.join(ROOT, 'tools', 'infra.js')) as { up: (names: string[]) => Promise<void> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jaeger = require(path.join(ROOT, 'tools', 'infra', 'jaeger.js')) as {
  jaegerPorts: { ui: number };
  jaegerOtlpEndpoint: () => string;
};

interface JaegerSpan {
  spanID: string;
  operationName: string;
  processID: string;
  references: { refType: string; spanID: string }[];
  tags: { key: string; value: unknown }[];
}
interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

const query = () => `http://127.0.0.1:${jaeger.jaegerPorts.ui}/api`;

/** The trace as Jaeger's query API lists it for a service (GET /api/traces?service=…), once it has what `complete` wants. */
async function traceFromJaeger(service: string, traceId: string, complete: (t: JaegerTrace) => boolean) {
  const deadline = Date.now() + 60_000;
  let last: JaegerTrace | undefined;
  while (Date.now() < deadline) {
    const res = await fetch(`${query()}/traces?service=${service}&lookback=1h&limit=200`);
    const body = (await res.json()) as { data: JaegerTrace[] };
    last = body.data.find((t) => t.traceID === traceId) ?? last;
    if (last && complete(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`Jaeger has no complete trace ${traceId} for ${service}: ${JSON.stringify(summary(last))}`);
}

const serviceOf = (t: JaegerTrace, span: JaegerSpan) => t.processes[span.processID].serviceName;
const summary = (t?: JaegerTrace) => t?.spans.map((s) => `${serviceOf(t, s)}: ${s.operationName}`);

/** The span's parent (CHILD_OF), or undefined for the root. */
const parentOf = (t: JaegerTrace, span: JaegerSpan) =>
  t.spans.find((s) => s.spanID === span.references.find((r) => r.refType === 'CHILD_OF')?.spanID);

/** A handler span of `service` for `type` whose parent span is in `from`: the trace crossed Kafka there. */
function crossing(t: JaegerTrace, from: string, service: string, type: string): JaegerSpan | undefined {
  return t.spans.find((span) => {
    const parent = parentOf(t, span);
    return (
      span.operationName === `handle ${type}` &&
      serviceOf(t, span) === service &&
      parent !== undefined &&
      serviceOf(t, parent) === from
    );
  });
}

const sys = new E2eSystem();

describe('one trace per lifecycle in Jaeger (OpenTelemetry in every service)', () => {
  beforeAll(async () => {
    await infra.up(['jaeger']);
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = jaeger.jaegerOtlpEndpoint();
    await sys.start();
  }, 1_800_000);
  afterAll(async () => {
    await sys.stop();
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  });

  it('follows a purchase through sales-installation → dispatch → sales-installation → notifications, parent to child across Kafka', async () => {
    const customer = sys.customer('traced');
    const order = sys.order('traced', customer, [
      {
        lineId: '1',
        sku: 'WM-1',
        category: 'washing-machine',
        brand: 'Acme',
        serialNumber: `SN-TRACED-${sys.run}`,
        warrantyMonths: 24,
        installation: { required: true, preferredWindow: sys.window() },
      },
    ]);
    const [applianceId] = await sys.buy(order);
    const scheduled = await sys.eventFor('installation.scheduled.v1', (d) => d['applianceId'] === applianceId);
    expect(scheduled.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    const traceId = scheduled.traceparent!.split('-')[1];
    await sys.eventFor(
      'notification.sent.v1',
      (d) => d['applianceId'] === applianceId && d['sourceEventType'] === 'installation.scheduled.v1',
    );
    const trace = await traceFromJaeger(
      'notifications',
      traceId,
      (t) => crossing(t, 'sales-installation', 'notifications', 'installation.scheduled.v1') !== undefined,
    );
    const services = new Set(trace.spans.map((s) => serviceOf(trace, s)));
    expect([...services]).toEqual(expect.arrayContaining(['sales-installation', 'dispatch', 'notifications']));
    expect(crossing(trace, 'sales-installation', 'dispatch', 'installation.requested.v1')).toBeDefined();
    expect(crossing(trace, 'dispatch', 'sales-installation', 'work-order.assigned.v1')).toBeDefined();
    expect(crossing(trace, 'sales-installation', 'notifications', 'installation.scheduled.v1')).toBeDefined();
    // the store calls of the handlers are in the same trace (instrumentation-mongoose)
    const storeCalls = trace.spans.filter((s) => s.tags.some((tag) => tag.key === 'db.system.name'));
    expect([...new Set(storeCalls.map((s) => serviceOf(trace, s)))]).toEqual(
      expect.arrayContaining(['sales-installation', 'dispatch', 'notifications']),
    );
    expect(dataOf(scheduled)['applianceId']).toBe(applianceId);
  });
});
