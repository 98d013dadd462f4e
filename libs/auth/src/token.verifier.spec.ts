import { DEV_JWT_SECRET, loadAuthConfig, mintToken, TokenVerifier } from './token.verifier';

describe('TokenVerifier', () => {
  const verifier = new TokenVerifier({ secret: 'a-test-secret-of-sufficient-length-0123456789' });

  it('accepts a token signed with the secret and maps its claims', async () => {
    const token = await mintToken({ sub: 'u1', roles: ['customer'], customerId: 'C-1' }, 'a-test-secret-of-sufficient-length-0123456789');
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'u1', roles: ['customer'], customerId: 'C-1', technicianId: undefined });
  });

  it.each([
    ['another secret', () => mintToken({ sub: 'u1', roles: ['admin'] }, 'some-other-secret')],
    ['expired', () => mintToken({ sub: 'u1', roles: ['admin'] }, 'a-test-secret-of-sufficient-length-0123456789', -60)],
    ['alg none', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u1","roles":["admin"]}').toString('base64url')}.`],
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
