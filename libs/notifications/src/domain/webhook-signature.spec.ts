import { createHmac } from 'node:crypto';

import { signBody, verifySignature } from './webhook-signature';

describe('webhook signature', () => {
  const body = JSON.stringify({ notificationId: 'ntf-1', text: 'Grüße' });
  const secret = 'a-long-enough-secret-value';

  it('is sha256=<hex HMAC-SHA256 of the body bytes with the secret>', () => {
    expect(signBody(body, secret)).toBe(
      `sha256=${createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex')}`,
    );
    expect(signBody(body, secret)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('verifies the right signature and refuses a wrong secret, a changed body or no header', () => {
    const sig = signBody(body, secret);
    expect(verifySignature(body, secret, sig)).toBe(true);
    expect(verifySignature(body, 'another-secret-value-xx', sig)).toBe(false);
    expect(verifySignature(`${body} `, secret, sig)).toBe(false);
    expect(verifySignature(body, secret, undefined)).toBe(false);
    expect(verifySignature(body, secret, 'sha256=00')).toBe(false);
  });
});
