import { DynamicModule } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

import { mintToken, Principal, Role } from '@appliance-care/auth';
import { startService } from '@appliance-care/messaging';
import { loadServiceConfig, ServiceConfig, ServiceName } from '@appliance-care/platform';
import { testDatabase, TestEnv } from '@appliance-care/testing';

export interface RunningService {
  app: NestExpressApplication;
  url: string;
  config: ServiceConfig;
  close: () => Promise<void>;
}

/**
 * Starts a service in this process on a free port, with the suite's own database, topics and
 * consumer groups, against the real broker and store.
 */
export async function startTestService(
  service: ServiceName,
  register: (config: ServiceConfig) => DynamicModule,
  env: TestEnv,
  overrides: Partial<ServiceConfig> = {},
): Promise<RunningService> {
  const config: ServiceConfig = {
    ...loadServiceConfig(service),
    port: 0,
    database: testDatabase(service, env),
    mongoUri: env.mongoUri,
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
    ...overrides,
  };
  const app = await startService(register(config), config);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, config, close: () => app.close() };
}

/** A bearer token for a test caller. */
export async function tokenFor(
  role: Role,
  ids: Partial<Pick<Principal, 'customerId' | 'technicianId'>> = {},
  sub = `${role}-test`,
): Promise<string> {
  return mintToken({ sub, roles: [role], ...ids });
}

/** fetch with a bearer token and JSON body; returns status, headers and parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON came back
type JsonBody = any;

export async function http(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: JsonBody; headers: Headers }> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}
