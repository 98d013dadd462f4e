import { createServer, get, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { loadAuthConfig, TokenVerifier } from '@appliance-care/auth';

import { ConsoleConfig, loadConsoleConfig, SERVICE_NAMES } from './console.config';
import { startConsoleServer } from './console.server';

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** GET with the path exactly as written (fetch would resolve the dots first, as browsers do). */
const rawStatus = (server: Server, path: string) =>
  new Promise<number>((resolve, reject) =>
    get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject),
  );

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in service that answers what it was sent. */
async function echoService(seen: Seen[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(req.url?.includes('missing') ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echoed: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('console server', () => {
  const seen: Seen[] = [];
  let upstream: Server;
  let open: Server;
  let production: Server;

  const config = (env: NodeJS.ProcessEnv): ConsoleConfig => ({
    ...loadConsoleConfig({ ...env, CONSOLE_PORT: '0' }, '/nonexistent'),
    services: Object.fromEntries(SERVICE_NAMES.map((s) => [s, urlOf(upstream)])) as ConsoleConfig['services'],
  });

  beforeAll(async () => {
    upstream = await echoService(seen);
    open = await startConsoleServer(config({ JWT_SECRET: 'a-test-secret-of-some-length' }));
    production = await startConsoleServer(config({ NODE_ENV: 'production', JWT_SECRET: 'x' }));
  });
  afterAll(async () => {
    await Promise.all([upstream, open, production].map((s) => new Promise((r) => s.close(r))));
  });

  const post = (server: Server, path: string, body: unknown) =>
    fetch(`${urlOf(server)}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('mints a development token the services accept, for the role and id asked', async () => {
    const res = await post(open, '/auth/dev-token', { role: 'technician', technicianId: 'T-LDN-001' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const verifier = new TokenVerifier(loadAuthConfig({ JWT_SECRET: 'a-test-secret-of-some-length' }));
    await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['technician'], technicianId: 'T-LDN-001' });
  });

  it("mints the library's staff tokens: a librarian, and a library technician with their technician id", async () => {
    const verifier = new TokenVerifier(loadAuthConfig({ JWT_SECRET: 'a-test-secret-of-some-length' }));
    const tokenOf = async (body: unknown) =>
      ((await (await post(open, '/auth/dev-token', body)).json()) as { token: string }).token;
    await expect(verifier.verify(await tokenOf({ role: 'librarian' }))).resolves.toMatchObject({
      roles: ['librarian'],
    });
    await expect(
      verifier.verify(await tokenOf({ role: 'library-technician', technicianId: 'LT-CEN-001' })),
    ).resolves.toMatchObject({ roles: ['library-technician'], technicianId: 'LT-CEN-001' });
    const withoutId = await post(open, '/auth/dev-token', { role: 'library-technician' });
    expect(withoutId.status).toBe(400);
    expect(((await withoutId.json()) as { detail: string }).detail).toMatch(/technicianId is required/);
  });

  it('refuses a role it does not know, or a technician without an id (400 in words)', async () => {
    const bad = await post(open, '/auth/dev-token', { role: 'sales-system' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/role must be one of/);
    expect((await post(open, '/auth/dev-token', { role: 'customer' })).status).toBe(400);
  });

  it('has no development sign-in in production or with an identity provider (404)', async () => {
    expect((await post(production, '/auth/dev-token', { role: 'admin' })).status).toBe(404);
    expect(await (await fetch(`${urlOf(production)}/auth/config`)).json()).toEqual({ devLogin: false });
    expect(loadConsoleConfig({ JWT_JWKS_URL: 'https://idp.example/jwks' }, '/').devLogin.enabled).toBe(false);
  });

  it("forwards /api/<service>/… to the service's /api/v1 with the token, the query and the body", async () => {
    const res = await fetch(`${urlOf(open)}/api/dispatch/work-orders/WO-1/assign?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json', cookie: 'session=secret' },
      body: JSON.stringify({ technicianId: 'T-1' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echoed: '{"technicianId":"T-1"}' });
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'POST', url: '/api/v1/work-orders/WO-1/assign?x=1' });
    expect(last.headers['authorization']).toBe('Bearer abc');
    // an allow-list: the browser's cookies stay with the console
    expect(last.headers['cookie']).toBeUndefined();
  });

  it("refuses a path that would leave the service's /api/v1 (400)", async () => {
    const before = seen.length;
    for (const path of ['/api/dispatch/..%2F..%2Fmetrics', '/api/dispatch/%2e%2e/health', '/api/dispatch/a%5C..']) {
      expect(await rawStatus(open, path)).toBe(400);
    }
    expect(seen.length).toBe(before);
  });

  it("passes the service's status back, and answers 404 for an unknown service", async () => {
    expect((await fetch(`${urlOf(open)}/api/portal/missing`)).status).toBe(404);
    const unknown = await fetch(`${urlOf(open)}/api/billing/invoices`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('knows library-services by name (port 3008 unless LIBRARY_SERVICES_URL says otherwise)', async () => {
    expect(loadConsoleConfig({}, '/').services['library-services']).toBe('http://127.0.0.1:3008');
    expect(loadConsoleConfig({ LIBRARY_SERVICES_URL: 'http://lib:1' }, '/').services['library-services']).toBe(
      'http://lib:1',
    );
    const res = await fetch(`${urlOf(open)}/api/library-services/tasks?open=true`);
    expect(res.status).toBe(200);
    expect(seen[seen.length - 1]).toMatchObject({ method: 'GET', url: '/api/v1/tasks?open=true' });
  });
});
