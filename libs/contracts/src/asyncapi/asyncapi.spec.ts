import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';

import { consumedTypes, ServiceSubscriptions, subscriptionsWithoutProducer, TopicProducers } from '../event-flows';
import { EventRegistry, EventType } from '../event-registry';
import { committedSystemAsyncApi, SYSTEM_ASYNCAPI_COMMAND, systemAsyncApiYaml } from './asyncapi-files';
import { asyncApiDocument, eventExample } from './asyncapi.document';

const TYPES = Object.keys(EventRegistry) as EventType[];
const SERVICES = Object.keys(ServiceSubscriptions);

/** The parser's errors (severity 0), each with where it is. */
async function asyncApiErrors(document: unknown): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
}

describe('AsyncAPI documents from libs/contracts', () => {
  it('docs/asyncapi.yaml is the generated system document', () => {
    const generated = systemAsyncApiYaml();
    const committed = committedSystemAsyncApi();
    if (committed !== generated) {
      throw new Error(`docs/asyncapi.yaml is out of date with libs/contracts: run ${SYSTEM_ASYNCAPI_COMMAND}`);
    }
    expect(parse(committed)).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  const scopes: [string, string | undefined][] = [
    ['the whole system', undefined],
    ...SERVICES.map((s) => [s, s] as [string, string]),
  ];
  it.each(scopes)(
    'the document of %s is valid AsyncAPI 3.0 (@asyncapi/parser reports no error)',
    async (_name, service) => {
      const document = asyncApiDocument(service);
      expect(document['asyncapi']).toBe('3.0.0');
      expect(await asyncApiErrors(document)).toEqual([]);
    },
    30_000,
  );

  it('the system document covers every event type of the registry, on its topic', () => {
    const document = asyncApiDocument() as { components: { messages: Record<string, unknown> }; channels: object };
    expect(Object.keys(document.components.messages).sort()).toEqual([...TYPES].sort());
    const addresses = Object.values(document.channels).map((c: { address: string }) => c.address);
    for (const type of TYPES) expect(addresses).toContain(EventRegistry[type].topic);
  });

  it("a service's document receives exactly what it subscribes to and sends its own topic's types", () => {
    const document = asyncApiDocument('repairs') as {
      operations: Record<string, { action: string; messages: { $ref: string }[] }>;
    };
    const refsOf = (action: string) =>
      Object.values(document.operations)
        .filter((op) => op.action === action)
        .flatMap((op) => op.messages.map((m) => m.$ref.split('/').pop()))
        .sort();
    expect(refsOf('receive')).toEqual(consumedTypes('repairs'));
    expect(refsOf('send')).toEqual(TYPES.filter((t) => EventRegistry[t].topic === 'repairs.events.v1').sort());
  });

  it.each(TYPES)('the example of %s satisfies its schema', (type) => {
    const result = EventRegistry[type].schema.safeParse(eventExample(type));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

describe('who produces and consumes what (event-flows.ts)', () => {
  it('a consumer subscribes only to types some producer (a service or an inbound topic) declares', () => {
    expect(subscriptionsWithoutProducer()).toEqual([]);
  });

  it('subscriptionsWithoutProducer names a subscription to a type nobody produces', () => {
    const subscriptions = ServiceSubscriptions as Record<string, string[]>;
    subscriptions['repairs'] = [...subscriptions['repairs'], 'repair.teleported.v1'];
    try {
      expect(subscriptionsWithoutProducer()).toEqual([{ service: 'repairs', type: 'repair.teleported.v1' }]);
    } finally {
      subscriptions['repairs'] = subscriptions['repairs'].filter((t) => t !== 'repair.teleported.v1');
    }
  });

  it('every topic of the registry has one producer', () => {
    for (const type of TYPES) expect(TopicProducers).toHaveProperty([EventRegistry[type].topic]);
  });
});
