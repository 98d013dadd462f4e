import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

import { inPublishSpans } from './publish-spans';
import { currentTraceContext, inEventSpan, traceLogFields } from './trace-context';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const spanNamed = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)!;

describe('an event carries its trace: write → relay publish → consumer', () => {
  it('the publish span continues the writer, and the handler continues the publish span', async () => {
    const stored = await inEventSpan({ name: 'write', kind: 'producer' }, async () => ({
      ce_traceparent: currentTraceContext().traceparent!,
      ce_type: 'repair.started.v1',
    }));
    const sent = await inPublishSpans(
      [{ type: 'repair.started.v1', topic: 'repairs.events.v1', headers: stored }],
      async (headers) => headers,
    );
    expect(sent[0]['ce_traceparent']).not.toBe(stored.ce_traceparent);
    expect(sent[0]['ce_type']).toBe('repair.started.v1');
    const logged = await inEventSpan(
      { name: 'handle repair.started.v1', kind: 'consumer', parent: { traceparent: sent[0]['ce_traceparent'] } },
      async () => traceLogFields(),
    );
    const [write, publish, handle] = ['write', 'publish repair.started.v1', 'handle repair.started.v1'].map(spanNamed);
    expect(publish.spanContext().traceId).toBe(write.spanContext().traceId);
    expect(publish.parentSpanContext?.spanId).toBe(write.spanContext().spanId);
    expect(handle.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    expect(logged).toEqual({ trace_id: write.spanContext().traceId, span_id: handle.spanContext().spanId });
  });

  it('an event without a trace is sent as it is, with no span', async () => {
    const headers = { ce_type: 'repair.started.v1' };
    const sent = await inPublishSpans([{ type: 'repair.started.v1', topic: 't', headers }], async (h) => h);
    expect(sent).toEqual([headers]);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('a failed handler marks its span as failed and still throws', async () => {
    await expect(
      inEventSpan({ name: 'handle x', kind: 'consumer' }, async () => {
        throw new Error('store down');
      }),
    ).rejects.toThrow('store down');
    expect(spanNamed('handle x').status).toMatchObject({ code: 2, message: 'store down' });
  });
});
