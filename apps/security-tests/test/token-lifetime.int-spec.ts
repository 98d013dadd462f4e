import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SignJWT } from 'jose';

import { DEV_JWT_SECRET } from '@appliance-care/auth';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv } from '@appliance-care/testing';

import { ProbeModule } from './probe.module';

/**
 * Tokens must expire: `exp` required, a lifetime of at most JWT_MAX_TOKEN_LIFETIME_S (24 h by
 * default), `exp`/`nbf`/`iat` read with JWT_CLOCK_SKEW_S (60 s by default) of tolerance.
 */
describe('token lifetime (every service: libs/auth)', () => {
  let svc: RunningService;
  const key = new TextEncoder().encode(DEV_JWT_SECRET);
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: { exp?: number; iat?: number; nbf?: number }) => {
    const jwt = new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('lifetime-test');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(key);
  };

  beforeAll(async () => {
    svc = await startTestService('repairs', (c) => ProbeModule.register(c), isolateTestEnv('security-token-lifetime'));
  });
  afterAll(() => svc?.close());

  it.each([
    ['without exp', () => ({ iat: now() }), '"exp" claim'],
    ['without exp or iat', () => ({}), '"exp" claim'],
    ['expired', () => ({ iat: now() - 7200, exp: now() - 3600 }), '"exp" claim timestamp check failed'],
    [
      'with a lifetime over the maximum (25 h)',
      () => ({ iat: now(), exp: now() + 25 * 3600 }),
      'exceeds the maximum of 86400 s',
    ],
    ['expiring in ten years', () => ({ iat: now(), exp: now() + 10 * 365 * 86_400 }), 'exceeds the maximum'],
    [
      'not valid before a time beyond the clock skew',
      () => ({ iat: now(), nbf: now() + 600, exp: now() + 3600 }),
      '"nbf" claim timestamp check failed',
    ],
    [
      'issued beyond the clock skew in the future',
      () => ({ iat: now() + 600, exp: now() + 3600 }),
      '"iat" claim is in the future',
    ],
  ])('a token %s → 401 problem+json', async (_, claims, reason) => {
    const token = await sign(claims());
    for (const res of [
      await http('GET', `${svc.url}/api/v1/whoami`, { token }),
      await http('POST', `${svc.url}/api/v1/probe`, { token, body: { a: 1 } }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain(reason);
    }
  });

  it.each([
    ['expiring in an hour', () => ({ iat: now(), exp: now() + 3600 })],
    ['of exactly the maximum lifetime', () => ({ iat: now(), exp: now() + 86_400 })],
    ['not valid before a time within the clock skew', () => ({ iat: now(), nbf: now() + 20, exp: now() + 3600 })],
    ['issued a little in the future, within the clock skew', () => ({ iat: now() + 20, exp: now() + 3600 })],
  ])('a token %s is accepted', async (_, claims) => {
    const res = await http('GET', `${svc.url}/api/v1/whoami`, { token: await sign(claims()) });
    expect(res.status).toBe(200);
  });

  it('the test helpers and `npm run token` mint tokens with exp, which the services accept', async () => {
    const tool = (...args: string[]) =>
      execFileSync(process.execPath, [path.resolve(__dirname, '../../../tools/token.js'), ...args], {
        env: { ...process.env, JWT_SECRET: DEV_JWT_SECRET },
      })
        .toString()
        .trim();
    for (const token of [
      await tokenFor('admin'),
      tool('--role', 'admin'),
      tool('--role', 'admin', '--expires', '30m'),
    ]) {
      const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
      expect(payload.exp - payload.iat).toBeGreaterThan(0);
      expect(payload.exp - payload.iat).toBeLessThanOrEqual(86_400);
      expect((await http('GET', `${svc.url}/api/v1/whoami`, { token })).status).toBe(200);
    }
    expect(() =>
      execFileSync(process.execPath, [path.resolve(__dirname, '../../../tools/token.js'), '--expires', '30d'], {
        stdio: 'pipe',
      }),
    ).toThrow(/JWT_MAX_TOKEN_LIFETIME_S/);
  });
});
