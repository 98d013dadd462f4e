import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { asyncApiDocument } from '@appliance-care/contracts';

import { Correlation } from './correlation.context';
import { deferBodyParserErrors } from './deferred-body-error';
import { collectProcessMetrics, httpRequestDuration } from './metrics';
import { completeOpenApiDocument } from './openapi';
import { ServiceConfig } from './service-config';

/**
 * Creates a service's Nest application with the HTTP conventions of SPEC §5: JSON logs, security
 * headers, body limit, correlation ids, request metrics, OpenAPI at /docs. The caller adds its
 * Kafka transport and listens.
 */
export async function createServiceApp(module: Type<unknown>, config: ServiceConfig): Promise<NestExpressApplication> {
  collectProcessMetrics(config.service);
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.bodyLimit });
  // a malformed or oversized body is answered after authentication (HostileInputGuard)
  app.use(deferBodyParserErrors);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: false }));
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });
  app.use(httpCorrelation);
  app.use(
    (
      req: { method: string; route?: { path?: string }; baseUrl?: string; path: string },
      res: { on: (e: string, f: () => void) => void; statusCode: number },
      next: () => void,
    ) => {
      const end = httpRequestDuration.startTimer();
      res.on('finish', () =>
        end({
          method: req.method,
          route: (req.baseUrl ?? '') + (req.route?.path ?? 'unmatched'),
          status: String(res.statusCode),
        }),
      );
      next();
    },
  );
  app.enableShutdownHooks();
  setupDocs(app, config);
  return app;
}

/**
 * Every request gets its own id (answered as X-Request-Id): the causation of the events it produces
 * and the id of its log lines. The correlation id is the caller's X-Correlation-Id, or the request's
 * id when the request starts a lifecycle thread (answered as X-Correlation-Id).
 */
export function httpCorrelation(
  req: { headers: Record<string, unknown> },
  res: { setHeader: (name: string, value: string) => unknown },
  next: () => void,
): void {
  const header = req.headers['x-correlation-id'];
  const requestId = globalThis.crypto.randomUUID();
  const correlationId = typeof header === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : requestId;
  res.setHeader('x-request-id', requestId);
  res.setHeader('x-correlation-id', correlationId);
  Correlation.run({ correlationId, causationId: requestId }, next);
}

/** The service's OpenAPI 3.0 document, as /docs serves it (schemas from the zod schemas, errors as problem+json). */
function buildOpenApiDocument(app: INestApplication, config: ServiceConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`appliance-care ${config.service}`)
      .setDescription('Errors are application/problem+json (RFC 9457). Every /api/v1 call needs a bearer JWT.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  return completeOpenApiDocument(document);
}

function setupDocs(app: INestApplication, config: ServiceConfig): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, config), { jsonDocumentUrl: 'docs/json' });
  // the service's AsyncAPI 3.0 document (what it publishes and consumes), public like /docs
  const asyncApi = asyncApiDocument(config.service);
  app
    .getHttpAdapter()
    .get('/asyncapi.json', (_req: unknown, res: { json: (body: unknown) => void }) => res.json(asyncApi));
}
