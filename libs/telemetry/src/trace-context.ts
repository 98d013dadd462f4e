import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * The trace context that travels with an event: the W3C traceparent/tracestate of the code that
 * created it, as the CloudEvents distributed-tracing extension. Only @opentelemetry/api here: while
 * no SDK is started (OTEL_EXPORTER_OTLP_ENDPOINT unset) every call is a no-op.
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

const tracer = () => trace.getTracer('appliance-care');

/** The active context as traceparent/tracestate ({} when nothing is traced). */
export function currentTraceContext(): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
  };
}

/** The log fields of the active span: trace_id and span_id, next to the correlation id. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active())?.spanContext();
  return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

export interface EventSpan {
  name: string;
  kind: 'producer' | 'consumer';
  /** the context the span continues: the event's traceparent */
  parent?: TraceCarrier;
  /** more events handled by the same span (a batch handler): linked, not parents */
  links?: TraceCarrier[];
  attributes?: Record<string, string | number | boolean | undefined>;
}

const spanContextOf = (carrier: TraceCarrier) =>
  trace.getSpan(propagation.extract(ROOT_CONTEXT, { ...carrier }))?.spanContext();

/**
 * Runs fn inside a span that continues the event's trace (a consumer's handling, the relay's
 * publication), ending it when fn settles and recording a failure. fn receives the span's own
 * carrier, to hand on with what it publishes.
 */
export async function inEventSpan<T>(spec: EventSpan, fn: (carrier: TraceCarrier) => Promise<T>): Promise<T> {
  const parent = spec.parent?.traceparent ? propagation.extract(ROOT_CONTEXT, { ...spec.parent }) : ROOT_CONTEXT;
  const links = (spec.links ?? []).flatMap((carrier) => {
    const linked = spanContextOf(carrier);
    return linked ? [{ context: linked }] : [];
  });
  const kind = spec.kind === 'producer' ? SpanKind.PRODUCER : SpanKind.CONSUMER;
  return tracer().startActiveSpan(spec.name, { kind, links, attributes: spec.attributes }, parent, (span) =>
    settle(span, () => fn(currentTraceContext())),
  );
}

async function settle<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}
