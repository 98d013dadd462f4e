import { JsonSchema } from './schema-example';

/** The CloudEvents attributes of Kafka binary mode (ce_* headers), with the two extensions the services add. */
export const cloudEventHeadersSchema = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: {
      type: 'string',
      description: 'unique per source; derived from the cause, so a redelivered cause re-produces it',
    },
    ce_source: { type: 'string', description: 'the producer, e.g. /appliance-care/sales-installation' },
    ce_type: { type: 'string', description: 'the event type (one per message below)' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string', description: 'the aggregate the event is about, where one is named' },
    ce_correlationid: {
      type: 'string',
      description: 'extension: one id per lifecycle thread, carried to every event it causes',
    },
    ce_causationid: {
      type: 'string',
      description: 'extension: the id of the event, request or job that caused this one',
    },
    ce_traceparent: {
      type: 'string',
      description: 'CloudEvents distributed-tracing extension: W3C traceparent of the write that produced the event',
    },
    ce_tracestate: { type: 'string', description: 'CloudEvents distributed-tracing extension: W3C tracestate' },
    'content-type': { type: 'string', const: 'application/json' },
  },
} as const;

/** The ce_* headers of one example message of the given type. */
export function exampleHeaders(type: string, producer: string, data: unknown): Record<string, string> {
  const time = findTime(data) ?? '2026-12-03T08:00:00.000Z';
  return {
    ce_specversion: '1.0',
    ce_id: '0d9c6b1e-3f7a-5c2e-8b4d-6a1f2e3d4c5b',
    ce_source: producer.includes(' ') ? `/${producer.replace(/ /g, '-')}/ST-042` : `/appliance-care/${producer}`,
    ce_type: type,
    ce_time: time,
    ce_correlationid: '7a3e9f10-2b4c-4d5e-9f60-718293a4b5c6',
    ce_causationid: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    ce_traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    'content-type': 'application/json',
  };
}

function findTime(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const found = Object.entries(data as Record<string, unknown>).find(
    ([key, value]) => key.endsWith('At') && typeof value === 'string',
  );
  return found?.[1] as string | undefined;
}

export type { JsonSchema };
