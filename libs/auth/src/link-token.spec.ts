import { InvalidLinkError, LinkSigner, loadLinkSecret } from './link-token';
import { DEV_JWT_SECRET, mintToken, TokenVerifier } from './token.verifier';

const signer = new LinkSigner('a-link-secret-for-tests');
const inAnHour = () => new Date(Date.now() + 3600_000);

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof InvalidLinkError) return err.reason;
    throw err;
  }
  throw new Error('the link was accepted');
}

describe('LinkSigner', () => {
  it('gives back the claims of a genuine link for its purpose', async () => {
    const token = await signer.sign({
      purpose: 'appointment',
      subject: 'WO-1',
      customerId: 'C-1',
      ref: 'r1',
      expiresAt: inAnHour(),
    });
    const claims = await signer.verify(token, 'appointment');
    expect(claims).toMatchObject({ purpose: 'appointment', subject: 'WO-1', customerId: 'C-1', ref: 'r1' });
    expect(claims.linkId).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses a link for another purpose, an expired one, a forged one and another key', async () => {
    const token = await signer.sign({
      purpose: 'appointment',
      subject: 'WO-1',
      customerId: 'C-1',
      expiresAt: inAnHour(),
    });
    expect(await refusal(signer.verify(token, 'feedback'))).toBe('wrong-purpose');
    const old = await signer.sign({
      purpose: 'feedback',
      subject: 'WO-1',
      customerId: 'C-1',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await refusal(signer.verify(old, 'feedback'))).toBe('expired');
    expect(await refusal(signer.verify(token.slice(0, -2) + 'xx', 'appointment'))).toBe('invalid');
    expect(await refusal(new LinkSigner('another-secret').verify(token, 'appointment'))).toBe('invalid');
  });

  it('is never a bearer token, and a bearer token is never a link', async () => {
    const sameKey = new LinkSigner(DEV_JWT_SECRET);
    const link = await sameKey.sign({ purpose: 'feedback', subject: 'WO-1', customerId: 'C-1', expiresAt: inAnHour() });
    await expect(new TokenVerifier({ secret: DEV_JWT_SECRET }).verify(link)).rejects.toThrow(/role/);
    const bearer = await mintToken({ sub: 'C-1', roles: ['customer'], customerId: 'C-1' }, DEV_JWT_SECRET);
    expect(await refusal(sameKey.verify(bearer, 'feedback'))).toBe('invalid');
  });

  it('needs its own secret in production', () => {
    expect(() => loadLinkSecret({ NODE_ENV: 'production' })).toThrow(/LINK_SIGNING_SECRET/);
    expect(() => loadLinkSecret({ LINK_SIGNING_SECRET: 's', JWT_SECRET: 's' })).toThrow(/differ/);
    expect(loadLinkSecret({ NODE_ENV: 'production', LINK_SIGNING_SECRET: 'real' })).toBe('real');
  });
});
