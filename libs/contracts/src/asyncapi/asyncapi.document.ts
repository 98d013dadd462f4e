import { z } from 'zod';

import { consumedTypes, publishedTypes, ServiceSubscriptions, TopicProducers } from '../event-flows';
import { EventRegistry, EventType } from '../event-registry';
import { LIFECYCLE_TOPIC_PARTITIONS, TopicName, Topics } from '../topics';
import { cloudEventHeadersSchema, exampleHeaders } from './cloudevents-headers';
import { exampleFor, JsonSchema } from './schema-example';

const KAFKA_BINDING = '0.5.0';
type Doc = Record<string, unknown>;

/** The JSON Schema of an event type's data as consumers validate it (zod's input side, draft-07). */
export function eventPayloadSchema(type: EventType): JsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(EventRegistry[type].schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema & { $schema?: string };
  return json;
}

/** An example of the type's data, valid against its schema (the contracts tests check it). */
export const eventExample = (type: EventType): unknown => exampleFor(eventPayloadSchema(type));

/** The id of a topic's channel: its key in Topics (salesInstallation, deviceFaults, …). */
const channelId = (topic: string): string => Object.entries(Topics).find(([, name]) => name === topic)![0];

const typesOn = (topic: string): EventType[] =>
  (Object.keys(EventRegistry) as EventType[]).filter((type) => EventRegistry[type].topic === topic);

/** The data field that the key function picks, found by applying it to the example. */
function keyField(type: EventType, example: unknown): string {
  const key = (EventRegistry[type].key as (data: unknown) => string)(example);
  const fields = Object.entries(example as Record<string, unknown>).filter(([, value]) => value === key);
  return fields[0]?.[0] ?? 'id';
}

function message(type: EventType): Doc {
  const payload = eventExample(type);
  const producer = TopicProducers[EventRegistry[type].topic as TopicName].producer;
  const field = keyField(type, payload);
  return {
    name: type,
    title: type,
    summary: `${type} on ${EventRegistry[type].topic}, published by ${producer}`,
    contentType: 'application/json',
    headers: {
      allOf: [{ $ref: '#/components/schemas/CloudEventHeaders' }, { properties: { ce_type: { const: type } } }],
    },
    payload: eventPayloadSchema(type),
    correlationId: { location: '$message.header#/ce_correlationid' },
    bindings: {
      kafka: {
        key: { type: 'string', description: `the event's ${field}: events with one key keep their order` },
        bindingVersion: KAFKA_BINDING,
      },
    },
    examples: [{ name: 'example', headers: exampleHeaders(type, producer, payload), payload }],
  };
}

function channel(topic: TopicName): Doc {
  const producer = TopicProducers[topic];
  const inbound = producer.inbound ? ' Inbound: binary or structured (application/cloudevents+json) mode.' : '';
  return {
    address: topic,
    title: topic,
    description: `${producer.description}; published by ${producer.producer}.${inbound} Poison goes to ${topic}.dlq.`,
    messages: Object.fromEntries(typesOn(topic).map((type) => [type, { $ref: `#/components/messages/${type}` }])),
    bindings: { kafka: { topic, partitions: LIFECYCLE_TOPIC_PARTITIONS, bindingVersion: KAFKA_BINDING } },
  };
}

function operation(action: 'send' | 'receive', party: string, topic: string, types: EventType[]): [string, Doc] {
  const id = `${party.replace(/ /g, '-')}.${action === 'send' ? 'publishes' : 'consumes'}.${channelId(topic)}`;
  return [
    id,
    {
      action,
      title: `${party} ${action === 'send' ? 'publishes on' : 'consumes from'} ${topic}`,
      channel: { $ref: `#/channels/${channelId(topic)}` },
      messages: types.map((type) => ({ $ref: `#/channels/${channelId(topic)}/messages/${type}` })),
    },
  ];
}

/** What one party does: send every type of the topics it produces, receive what it subscribes to. */
function operationsOf(party: string): [string, Doc][] {
  const sent = [...new Set(publishedTypes(party).map((type) => EventRegistry[type].topic))].map((topic) =>
    operation('send', party, topic, typesOn(topic)),
  );
  const consumed = consumedTypes(party);
  const received = [...new Set(consumed.map((type) => EventRegistry[type].topic))].map((topic) =>
    operation(
      'receive',
      party,
      topic,
      consumed.filter((type) => EventRegistry[type].topic === topic),
    ),
  );
  return [...sent, ...received];
}

const allParties = (): string[] => [
  ...new Set([...Object.values(TopicProducers).map((p) => p.producer), ...Object.keys(ServiceSubscriptions)]),
];

/**
 * The AsyncAPI 3.0 document of one service (what it publishes and consumes) or, without a service,
 * of the whole system: channels are topics, one message per event type with its key, CloudEvents
 * headers and an example. Built from the registry and event-flows.ts only.
 */
export function asyncApiDocument(service?: string): Doc {
  const operations = Object.fromEntries((service ? operationsOf(service) : allParties().flatMap(operationsOf)).sort());
  const topics = [
    ...new Set(
      Object.values(operations).map(
        (op) => Topics[((op['channel'] as { $ref: string }).$ref.split('/').pop() ?? '') as keyof typeof Topics],
      ),
    ),
  ].sort() as TopicName[];
  const types = topics.flatMap(typesOn).sort();
  return {
    asyncapi: '3.0.0',
    info: {
      title: service ? `appliance-care ${service} events` : 'appliance-care events',
      version: '1',
      description:
        'CloudEvents 1.0 in Kafka binary mode: attributes in ce_* headers, the data as the JSON value. ' +
        'Generated from libs/contracts (event-registry.ts, event-flows.ts); do not edit by hand.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'the local broker of npm start' },
    },
    channels: Object.fromEntries(topics.map((topic) => [channelId(topic), channel(topic)])),
    operations,
    components: {
      schemas: { CloudEventHeaders: cloudEventHeadersSchema },
      messages: Object.fromEntries(types.map((type) => [type, message(type)])),
    },
  };
}
