import { randomUUID } from 'node:crypto';
import { CloudEvent, ValidationError as CloudEventValidationError, Kafka } from 'cloudevents';
import { z } from 'zod';

import { EventData, EventRegistry, EventType, isEventType } from './event-registry';

/** A CloudEvents 1.0 event as the services see it, with our two extensions. */
export interface EventEnvelope<D = unknown, T extends string = string> {
  id: string;
  source: string;
  type: T;
  specversion: '1.0';
  time: string;
  subject?: string;
  datacontenttype?: string;
  /** one id per lifecycle thread: carried from the first event to every event it causes */
  correlationid: string;
  /** id of the event (or request) that caused this one */
  causationid?: string;
  /**
   * CloudEvents distributed-tracing extension: the W3C trace context of the code that created the
   * event (stored with the outbox entry), so its consumers continue that trace
   */
  traceparent?: string;
  tracestate?: string;
  data: D;
}

export type TypedEnvelope<T extends EventType> = EventEnvelope<EventData<T>, T>;

/** A Kafka record independent of the client library: headers as strings, value as a Buffer or string. */
export interface RawKafkaRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export interface OutgoingKafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Why an inbound record could not become a valid event: names the attribute or field at fault. */
export class EnvelopeError extends Error {
  constructor(
    readonly code: 'unparseable' | 'invalid-envelope' | 'unknown-type' | 'schema-violation',
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export interface NewEvent<T extends EventType> {
  type: T;
  source: string;
  data: EventData<T>;
  subject?: string;
  correlationid?: string;
  causationid?: string;
  traceparent?: string;
  tracestate?: string;
  id?: string;
  time?: string;
}

/** Builds a validated envelope; the data must satisfy the registered schema. */
export function createEvent<T extends EventType>(input: NewEvent<T>): TypedEnvelope<T> {
  const data = validateData(input.type, input.data) as EventData<T>;
  const id = input.id ?? randomUUID();
  return {
    id,
    source: input.source,
    type: input.type,
    specversion: '1.0',
    time: input.time ?? new Date().toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    correlationid: input.correlationid ?? id,
    causationid: input.causationid,
    ...traceExtensions(input),
    data,
  };
}

/** The trace extensions that are set (an absent one is no attribute at all, not an undefined one). */
function traceExtensions(source: { traceparent?: unknown; tracestate?: unknown }): {
  traceparent?: string;
  tracestate?: string;
} {
  return {
    ...(typeof source.traceparent === 'string' ? { traceparent: source.traceparent } : {}),
    ...(typeof source.tracestate === 'string' ? { tracestate: source.tracestate } : {}),
  };
}

export function validateData<T extends EventType>(type: T, data: unknown): EventData<T> {
  const nul = findNul(data, 'data');
  if (nul) throw new EnvelopeError('schema-violation', `${type}: ${nul}: NUL characters are not accepted`);
  const result = EventRegistry[type].schema.safeParse(data);
  if (!result.success) throw new EnvelopeError('schema-violation', `${type}: ${describeZodError(result.error)}`);
  return result.data as EventData<T>;
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Kafka binary content mode: attributes in ce_* headers, the data as the JSON value. */
export function toKafkaRecord(envelope: EventEnvelope, key: string): OutgoingKafkaRecord {
  const ce = new CloudEvent(
    {
      id: envelope.id,
      source: envelope.source,
      type: envelope.type,
      specversion: '1.0',
      time: envelope.time,
      subject: envelope.subject,
      datacontenttype: 'application/json',
      correlationid: envelope.correlationid,
      causationid: envelope.causationid,
      ...traceExtensions(envelope),
      data: envelope.data,
    },
    false,
  );
  const message = Kafka.binary(ce);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && value !== null) headers[name] = String(value);
  }
  return { key, value: JSON.stringify(envelope.data), headers };
}

function headerString(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined ? undefined : single.toString();
}

/**
 * Parses a Kafka record in binary or structured (application/cloudevents+json) mode with the
 * cloudevents SDK, then checks our required attributes and the data against the registered schema.
 */
export function fromKafkaRecord(record: RawKafkaRecord): EventEnvelope {
  const ce = cloudEventOf(record);
  if (!isEventType(ce.type)) throw new EnvelopeError('unknown-type', `unknown event type "${ce.type}"`);
  if (!ce.time) throw new EnvelopeError('invalid-envelope', 'missing required attribute "time"');
  const data = validateData(ce.type, typeof ce.data === 'string' ? safeJson(ce.data) : ce.data);
  const ext = ce as unknown as Record<string, unknown>;
  return {
    id: ce.id,
    source: ce.source,
    type: ce.type,
    specversion: '1.0',
    time: ce.time,
    subject: ce.subject,
    datacontenttype: 'application/json',
    correlationid: typeof ext['correlationid'] === 'string' ? (ext['correlationid'] as string) : ce.id,
    causationid: typeof ext['causationid'] === 'string' ? (ext['causationid'] as string) : undefined,
    ...traceExtensions(ext),
    data,
  };
}

/** The record's headers as strings, names in lower case. */
function headersOf(record: RawKafkaRecord): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    const text = headerString(value);
    if (text !== undefined) headers[name.toLowerCase()] = text;
  }
  return headers;
}

/** The record as a validated CloudEvent (any type: the registry is checked by the caller). */
function cloudEventOf(record: RawKafkaRecord): CloudEvent<unknown> {
  const headers = headersOf(record);
  const raw = record.value === null || record.value === undefined ? '' : record.value.toString();
  const structured = (headers['content-type'] ?? '').startsWith('application/cloudevents+json');
  if (!structured && !headers['ce_type'] && !headers['ce_specversion']) {
    throw new EnvelopeError(
      'invalid-envelope',
      'not a CloudEvent: no ce_* headers and content-type is not application/cloudevents+json',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new EnvelopeError('unparseable', 'value is not valid JSON');
  }
  if (!structured && !headers['content-type']) headers['content-type'] = 'application/json';
  try {
    const ce = Kafka.toEvent({
      headers,
      value: structured ? raw : value,
      key: record.key?.toString(),
    } as never) as CloudEvent<unknown>; // the SDK's Message type wants its own header type
    ce.validate();
    return ce;
  } catch (err) {
    const detail =
      err instanceof CloudEventValidationError ? JSON.stringify(err.errors ?? err.message) : (err as Error).message;
    throw new EnvelopeError('invalid-envelope', `invalid CloudEvent: ${detail}`);
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    throw new EnvelopeError('unparseable', 'data is not valid JSON');
  }
}

/** Structured content mode, as some sales systems send it (used by tests and the simulator). */
export function toStructuredKafkaRecord(envelope: EventEnvelope, key: string): OutgoingKafkaRecord {
  return {
    key,
    value: JSON.stringify({ ...envelope, datacontenttype: 'application/json' }),
    headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
  };
}

/** Stores built on PostgreSQL cannot hold a NUL character; such an event is refused as poison. */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return `${path}.${key}`;
    const found = findNul(item, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}
