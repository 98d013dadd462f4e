import { SignJWT, UnsecuredJWT } from 'jose';

import { DEV_JWT_SECRET } from '@appliance-care/auth';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv } from '@appliance-care/testing';

import { ProbeModule } from './probe.module';

const PORTAL = 'https://portal.example.org';

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status });
}

describe('platform hardening (every service: libs/platform)', () => {
  let svc: RunningService;
  let limited: RunningService;
  let admin: string;

  beforeAll(async () => {
    const env = isolateTestEnv('security-platform');
    svc = await startTestService('repairs', (c) => ProbeModule.register(c), env, {
      bodyLimit: '1kb',
      corsOrigins: [PORTAL],
    });
    limited = await startTestService('diagnostics', (c) => ProbeModule.register(c), env, { rateLimitPerMinute: 3 });
    admin = await tokenFor('admin');
  });
  afterAll(async () => {
    await svc?.close();
    await limited?.close();
  });

  describe('bearer tokens', () => {
    const claims = { roles: ['admin'] };
    const secret = new TextEncoder().encode(DEV_JWT_SECRET);
    const cases: [string, () => Promise<string | undefined>][] = [
      ['missing', async () => undefined],
      [
        'expired',
        () =>
          new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setIssuedAt(1_700_000_000)
            .setExpirationTime(1_700_000_060)
            .sign(secret),
      ],
      [
        'wrongly signed',
        () =>
          new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('not-the-secret-of-this-deployment')),
      ],
      ['alg none', async () => new UnsecuredJWT(claims).setSubject('x').setExpirationTime('1h').encode()],
      ['malformed', async () => 'not.a.jwt'],
      ['garbage', async () => 'x'.repeat(5000)],
      [
        'tampered payload',
        async () => {
          const [h, , s] = (await tokenFor('customer', { customerId: 'C-1' })).split('.');
          return [
            h,
            Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], exp: 9_999_999_999 })).toString('base64url'),
            s,
          ].join('.');
        },
      ],
      [
        'without a known role',
        () =>
          new SignJWT({ roles: ['root'] })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setExpirationTime('1h')
            .sign(secret),
      ],
      [
        'without a subject',
        () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret),
      ],
    ];

    it.each(cases)('token %s → 401 problem+json', async (_, token) => {
      const value = await token();
      expectProblem(await http('GET', `${svc.url}/api/v1/whoami`, { token: value }), 401);
      expectProblem(await http('POST', `${svc.url}/api/v1/probe`, { token: value, body: { a: 1 } }), 401);
    });

    it('a token in another scheme than Bearer → 401', async () => {
      expectProblem(
        await http('GET', `${svc.url}/api/v1/whoami`, { headers: { authorization: `Basic ${admin}` } }),
        401,
      );
    });

    it('a valid token passes (the negatives fail for their fault, not for the setup)', async () => {
      expect((await http('GET', `${svc.url}/api/v1/whoami`, { token: admin })).status).toBe(200);
    });
  });

  describe('MongoDB operator injection', () => {
    it.each([
      [{ customerId: { $ne: null } }, 'body.customerId.$ne'],
      [{ $where: 'sleep(1000)' }, 'body.$where'],
      [{ filter: { nested: [{ ok: 1 }, { $gt: '' }] } }, 'body.filter.nested.1.$gt'],
      [{ 'address.city': 'x' }, 'body.address.city'],
      [[{ $or: [] }], 'body.0.$or'],
    ])('a body %j → 400 naming %s', async (body, field) => {
      const res = await http('POST', `${svc.url}/api/v1/probe`, { token: admin, body });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it.each([
      ['$where=1', 'query.$where'],
      ['a.b=1', 'query.a.b'],
    ])('a query ?%s → 400 naming %s', async (qs, field) => {
      const res = await http('GET', `${svc.url}/api/v1/probe?${qs}`, { token: admin });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it('bracket syntax never turns a query parameter into an object (simple query parser)', async () => {
      const res = await http('GET', `${svc.url}/api/v1/probe?customerId[$ne]=x&status[]=a&n=1`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.query).toEqual({ 'customerId[$ne]': 'x', 'status[]': 'a', n: '1' });
    });

    it('absurd nesting → 400, not a stack overflow', async () => {
      const res = await http('POST', `${svc.url}/api/v1/probe`, {
        token: admin,
        body: '['.repeat(400) + ']'.repeat(400),
      });
      expectProblem(res, 400);
    });

    it('harmless documents still reach the controller', async () => {
      const body = { symptoms: 'price 3.5 $ total', list: [{ a: 'b.c' }], 'ok-key': 'x' };
      const res = await http('POST', `${svc.url}/api/v1/probe`, { token: admin, body });
      expect(res.status).toBe(200);
      expect(res.body.body).toEqual(body);
    });
  });

  describe('malformed and oversized bodies', () => {
    it('a body over HTTP_BODY_LIMIT → 413 problem+json', async () => {
      expectProblem(
        await http('POST', `${svc.url}/api/v1/probe`, { token: admin, body: { s: 'x'.repeat(4096) } }),
        413,
      );
    });

    it('invalid JSON → 400 problem+json', async () => {
      expectProblem(await http('POST', `${svc.url}/api/v1/probe`, { token: admin, body: '{"a":' }), 400);
    });
  });

  describe('headers', () => {
    it('sends the security headers and hides the framework', async () => {
      const res = await fetch(`${svc.url}/health/live`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    });

    it('allows CORS only for CORS_ORIGINS', async () => {
      const preflight = (origin: string) =>
        fetch(`${svc.url}/api/v1/whoami`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      expect((await preflight(PORTAL)).headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('rate limit (RATE_LIMIT_PER_MINUTE)', () => {
    it('answers 429 problem+json with Retry-After beyond the limit, per route', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await http('GET', `${limited.url}/api/v1/probe`, { token: admin })).status);
      expect(statuses).toEqual([200, 200, 200]);
      const over = await http('GET', `${limited.url}/api/v1/probe`, { token: admin });
      expectProblem(over, 429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await http('GET', `${limited.url}/api/v1/whoami`, { token: admin })).status).toBe(200);
    });

    it('never limits health and metrics', async () => {
      for (let i = 0; i < 6; i++) {
        expect((await http('GET', `${limited.url}/health/live`)).status).toBe(200);
        expect((await http('GET', `${limited.url}/metrics`)).status).toBe(200);
      }
    });
  });
});
