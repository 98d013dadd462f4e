import { randomUUID } from 'node:crypto';
import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Connection } from 'mongoose';
import { LoggerModule } from 'nestjs-pino';

import { AuthModule, JwtAuthGuard } from '@appliance-care/auth';
import { traceLogFields } from '@appliance-care/telemetry';

import { Correlation } from './correlation.context';
import { HealthController, ReadinessRegistry } from './health';
import { HostileInputGuard } from './hostile-input.guard';
import { redactLinkTokens } from './link-redaction';
import { MetricsController } from './metrics';
import { ProblemDetailsFilter } from './problem-details.filter';
import { HttpRateLimitGuard, RATE_LIMIT_WINDOW_MS } from './rate-limit';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, ServiceConfig } from './service-config';
import { WhoAmIController } from './whoami.controller';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Redacted wherever they appear in a log line: credentials and personal contact data. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.password',
  '*.secret',
  '*.webhookSecret',
  '*.token',
  '*.phone',
  '*.email',
];

/** pino JSON logs with the request's correlation (and trace) ids, secrets and contact details redacted. */
function loggerModule(config: ServiceConfig): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.service, ...(config.instance ? { instance: config.instance } : {}) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // the request's id, set with the correlation context by createServiceApp
      genReqId: () => Correlation.current()?.causationId ?? randomUUID(),
      mixin: () => {
        const ctx = Correlation.current();
        // trace_id/span_id of the active span (when tracing is on) next to the correlation id
        const trace = traceLogFields();
        return ctx ? { correlationId: ctx.correlationId, causationId: ctx.causationId, ...trace } : trace;
      },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: redactLinkTokens(req.url) }),
      },
    },
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}

function storeModule(config: ServiceConfig): DynamicModule {
  return MongooseModule.forRoot(config.mongoUri, {
    dbName: config.database,
    serverSelectionTimeoutMS: 5000,
    // a write stuck in a busy store fails (503, ProblemDetailsFilter) instead of hanging its request forever
    socketTimeoutMS: 30_000,
    retryAttempts: 30,
    retryDelay: 1000,
    // readiness reports an unreachable store; the process must not die of it
    connectionFactory: (connection: Connection) => {
      connection.on('error', () => undefined);
      return connection;
    },
  });
}

/** RATE_LIMIT_PER_MINUTE per client address and route; 0 switches the limit off. */
function rateLimitModule(config: ServiceConfig): DynamicModule {
  return ThrottlerModule.forRoot({
    throttlers: [
      {
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: (config.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE) || Number.MAX_SAFE_INTEGER,
      },
    ],
    skipIf: () => config.rateLimitPerMinute === 0,
  });
}

/** What every service stands on: config, JSON logs with correlation ids, MongoDB, auth, health, metrics, problem+json. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [loggerModule(config), storeModule(config), TerminusModule, rateLimitModule(config), AuthModule],
      controllers: [HealthController, MetricsController, WhoAmIController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        ReadinessRegistry,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // global guards run in this order: the rate limit, then authentication (and roles), and only
        // then anything that reads the body, so an unauthenticated caller learns nothing about it
        { provide: APP_GUARD, useClass: HttpRateLimitGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: HostileInputGuard },
      ],
      exports: [SERVICE_CONFIG, ReadinessRegistry],
    };
  }
}
