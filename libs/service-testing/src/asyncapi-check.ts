import { Parser } from '@asyncapi/parser';

import { asyncApiDocument, consumedTypes } from '@appliance-care/contracts';
import { KafkaEventServer } from '@appliance-care/messaging';

import { http, RunningService } from './service-harness';

interface AsyncApiOperation {
  action: 'send' | 'receive';
  messages: { $ref: string }[];
}

/**
 * What is wrong with the AsyncAPI document the service serves at /asyncapi.json: parser errors, a
 * document other than the one libs/contracts generates for it, or received types other than the
 * event types its @EventPattern handlers registered (so event-flows.ts stays true).
 */
export async function asyncApiProblems(svc: RunningService): Promise<string[]> {
  const served = await http('GET', `${svc.url}/asyncapi.json`);
  if (served.status !== 200) return [`GET /asyncapi.json answered ${served.status} without a token`];
  const { diagnostics } = await new Parser().parse(JSON.stringify(served.body));
  const problems = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
  if (JSON.stringify(served.body) !== JSON.stringify(asyncApiDocument(svc.config.service)))
    problems.push('the served document is not the one libs/contracts generates for this service');
  const received = Object.values(served.body.operations as Record<string, AsyncApiOperation>)
    .filter((op) => op.action === 'receive')
    .flatMap((op) => op.messages.map((m) => m.$ref.split('/').pop()))
    .sort();
  const handled = [...svc.app.get(KafkaEventServer).getHandlers().keys()].sort();
  if (JSON.stringify(handled) !== JSON.stringify(consumedTypes(svc.config.service)))
    problems.push(
      `ServiceSubscriptions['${svc.config.service}'] (libs/contracts/src/event-flows.ts) lists ` +
        `${JSON.stringify(consumedTypes(svc.config.service))}, the handlers subscribe to ${JSON.stringify(handled)}`,
    );
  if (JSON.stringify(received) !== JSON.stringify(handled))
    problems.push(`the document receives ${JSON.stringify(received)}, the handlers ${JSON.stringify(handled)}`);
  return problems;
}

type Operation = { requestBody?: { content?: Record<string, { schema?: { example?: unknown }; example?: unknown }> } };

/** Operations whose request body has no example (OpenAPI). */
export function requestBodiesWithoutExample(document: { paths?: Record<string, Record<string, Operation>> }): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([, op]) => op.requestBody?.content)
      .filter(([, op]) =>
        Object.values(op.requestBody!.content!).some((media) => media.example === undefined && !media.schema?.example),
      )
      .map(([method]) => `${method.toUpperCase()} ${route}`),
  );
}
