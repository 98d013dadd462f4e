import { SignJWT } from 'jose';

import { DEV_JWT_SECRET, InvalidTokenError, loadAuthConfig, mintToken, TokenVerifier } from './token.verifier';

describe('TokenVerifier', () => {
  const verifier = new TokenVerifier({ secret: 'a-test-secret-of-sufficient-length-0123456789' });

  it('accepts a token signed with the secret and maps its claims', async () => {
    const token = await mintToken(
      { sub: 'u1', roles: ['customer'], customerId: 'C-1' },
      'a-test-secret-of-sufficient-length-0123456789',
    );
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'u1',
      roles: ['customer'],
      customerId: 'C-1',
      technicianId: undefined,
    });
  });

  it.each([
    ['another secret', () => mintToken({ sub: 'u1', roles: ['admin'] }, 'some-other-secret')],
    ['expired', () => mintToken({ sub: 'u1', roles: ['admin'] }, 'a-test-secret-of-sufficient-length-0123456789', -60)],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u1","roles":["admin"]}').toString('base64url')}.`,
    ],
  ])('refuses a token signed with %s', async (_, token) => {
    await expect(verifier.verify(await token())).rejects.toThrow(/invalid token/);
  });
});

describe('loadAuthConfig', () => {
  it('uses the development secret outside production only', () => {
    expect(loadAuthConfig({}).secret).toBe(DEV_JWT_SECRET);
    expect(loadAuthConfig({ NODE_ENV: 'production' }).secret).toBeUndefined();
    expect(loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret' }).secret).toBe('a-real-secret');
  });

  it('refuses the published development secret in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/development secret/);
  });
});

describe('TokenVerifier: expiry and lifetime', () => {
  const secret = 'a-test-secret-of-sufficient-length-0123456789';
  const key = new TextEncoder().encode(secret);
  const verifier = new TokenVerifier({ secret, maxTokenLifetimeS: 3600, clockSkewS: 30 });
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: { exp?: number; iat?: number; nbf?: number }) => {
    const jwt = new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(key);
  };

  it.each([
    ['without exp', { iat: now }, /"exp" claim/],
    ['expired', { iat: now - 120, exp: now - 60 }, /"exp" claim timestamp check failed/],
    [
      'with a lifetime over the maximum',
      { iat: now, exp: now + 3601 },
      /lifetime \(3601 s\) exceeds the maximum of 3600 s/,
    ],
    ['with a lifetime over the maximum and no iat', { exp: now + 7200 }, /exceeds the maximum/],
    [
      'not valid before a time beyond the skew',
      { iat: now, nbf: now + 90, exp: now + 600 },
      /"nbf" claim timestamp check failed/,
    ],
    ['issued in the future beyond the skew', { iat: now + 90, exp: now + 600 }, /"iat" claim is in the future/],
  ])('refuses a token %s', async (_, claims, reason) => {
    const token = await sign(claims);
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(token)).rejects.toThrow(reason);
  });

  it.each([
    ['expiring within the maximum', { iat: now, exp: now + 3600 }],
    ['expired, but within the clock skew', { iat: now - 600, exp: now - 10 }],
    ['not valid before a time within the skew', { iat: now, nbf: now + 10, exp: now + 600 }],
    ['issued a little in the future, within the skew', { iat: now + 10, exp: now + 600 }],
  ])('accepts a token %s', async (_, claims) => {
    await expect(verifier.verify(await sign(claims))).resolves.toMatchObject({ sub: 'u1', roles: ['admin'] });
  });

  it('mintToken mints a token with exp, accepted with the default maximum', async () => {
    const token = await mintToken({ sub: 'u1', roles: ['admin'] }, secret);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(payload.exp - payload.iat).toBe(12 * 3600);
    await expect(new TokenVerifier({ secret }).verify(token)).resolves.toMatchObject({ sub: 'u1' });
  });
});

describe('loadAuthConfig: token lifetime settings', () => {
  it('reads JWT_MAX_TOKEN_LIFETIME_S and JWT_CLOCK_SKEW_S, with defaults', () => {
    expect(loadAuthConfig({})).toMatchObject({ maxTokenLifetimeS: 86_400, clockSkewS: 60 });
    expect(loadAuthConfig({ JWT_MAX_TOKEN_LIFETIME_S: '900', JWT_CLOCK_SKEW_S: '5' })).toMatchObject({
      maxTokenLifetimeS: 900,
      clockSkewS: 5,
    });
    expect(() => loadAuthConfig({ JWT_MAX_TOKEN_LIFETIME_S: '1h' })).toThrow(/JWT_MAX_TOKEN_LIFETIME_S/);
  });
});
