import { propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/** An event about to be produced: its type and its Kafka headers (ce_traceparent = the writer's context). */
export interface PublishedMessage {
  type: string;
  topic: string;
  headers: Record<string, string>;
}

const tracer = () => trace.getTracer('appliance-care');

function startPublishSpan(message: PublishedMessage): Span | undefined {
  const traceparent = message.headers['ce_traceparent'];
  if (!traceparent) return undefined;
  const writer = propagation.extract(ROOT_CONTEXT, { traceparent, tracestate: message.headers['ce_tracestate'] });
  const span = tracer().startSpan(
    `publish ${message.type}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': message.topic },
    },
    writer,
  );
  return span.isRecording() ? span : undefined;
}

/** The headers as sent: ce_traceparent names the publish span, so the consumer continues from it. */
function headersOf(message: PublishedMessage, span: Span | undefined): Record<string, string> {
  if (!span) return message.headers;
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  const headers: Record<string, string> = {
    ...message.headers,
    ce_traceparent: carrier['traceparent'] ?? message.headers['ce_traceparent'],
  };
  if (carrier['tracestate']) headers['ce_tracestate'] = carrier['tracestate'];
  return headers;
}

/**
 * The relay publishes later and in another async context than the write: each event gets a
 * publish span that continues the trace stored with it (its ce_traceparent), lasting as long as the
 * produce request. `send` receives the headers to send, in the messages' order. The stored entry is
 * left as it is, so a republication after a crash continues the writer's trace again.
 */
export async function inPublishSpans<T>(
  messages: PublishedMessage[],
  send: (headers: Record<string, string>[]) => Promise<T>,
): Promise<T> {
  const spans = messages.map(startPublishSpan);
  try {
    return await send(messages.map((message, i) => headersOf(message, spans[i])));
  } catch (err) {
    for (const span of spans) span?.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    for (const span of spans) span?.end();
  }
}
