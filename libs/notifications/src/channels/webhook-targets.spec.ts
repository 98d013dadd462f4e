import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { DeliveryError } from '../domain/retry.policy';
import { WebhookTargetPolicy } from '../domain/webhook-target.policy';
import { NotificationDoc } from '../persistence/notification.schema';
import { postPinned } from './pinned-post';
import { ResolvedAddress, WebhookTargetRefused, WebhookTargets, WebhookTargetUnresolved } from './webhook-targets';
import { WebhookChannel } from './webhook.channel';

/** A stand-in for DNS whose answers change from one lookup to the next (a rebinding name). */
function changingDns(answers: Record<string, ResolvedAddress[][]>) {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const queue = answers[host];
    if (!queue?.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return queue.length > 1 ? (queue.shift() as ResolvedAddress[]) : queue[0];
  };
  return { resolve, calls };
}

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });

describe('webhook targets: resolve, check, connect to the checked address', () => {
  let server: Server;
  let port: number;
  const requests: { host?: string; url?: string; body: string }[] = [];
  let respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(204).end();
  const loopbackReceivers: WebhookTargetPolicy = {
    allowedHosts: [],
    allowedNetworks: ['127.0.0.0/8'],
    requireHttps: false,
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push({ host: req.headers.host, url: req.url, body: Buffer.concat(chunks).toString('utf8') });
        respond(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    respond = (_req, res) => res.writeHead(204).end();
  });

  it('connects to the address it checked, even when the name resolves elsewhere by the time it connects', async () => {
    const dns = changingDns({ 'hooks.rebind.test': [[v4('127.0.0.1')], [v4('10.0.0.7')]] });
    const targets = new WebhookTargets(loopbackReceivers, dns.resolve);
    const target = await targets.check(`http://hooks.rebind.test:${port}/in?x=1`);
    expect(target.addresses).toEqual([v4('127.0.0.1')]);
    await postPinned('webhook', target, '{"a":1}', { 'x-test': '1' }, 5000);
    expect(requests).toEqual([{ host: `hooks.rebind.test:${port}`, url: '/in?x=1', body: '{"a":1}' }]);
    // the socket asked nobody: one lookup, the check's
    expect(dns.calls).toEqual(['hooks.rebind.test']);
    // the next check (the next delivery) sees the new answer and refuses it
    await expect(targets.check(`http://hooks.rebind.test:${port}/in`)).rejects.toThrow(
      new WebhookTargetRefused(
        'must not point to a private or special-purpose address: hooks.rebind.test resolves to 10.0.0.7, a private (RFC 1918) address',
      ),
    );
  });

  it('refuses a name with any private answer among public ones', async () => {
    const dns = changingDns({ 'mixed.test': [[v4('93.184.215.14'), v4('169.254.169.254')]] });
    await expect(new WebhookTargets(loopbackReceivers, dns.resolve).check('https://mixed.test/')).rejects.toThrow(
      /169\.254\.169\.254, a link-local address/,
    );
  });

  it('refuses literal internal addresses without asking DNS, and allows a name the operator allowed', async () => {
    const dns = changingDns({ 'hooks.corp.test': [[v4('10.1.2.3')]] });
    const targets = new WebhookTargets(
      { allowedHosts: ['hooks.corp.test'], allowedNetworks: [], requireHttps: false },
      dns.resolve,
    );
    await expect(targets.check('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(
      /169\.254\.169\.254, a link-local address/,
    );
    await expect(targets.check('http://[::ffff:127.0.0.1]:8080/')).rejects.toThrow(/127\.0\.0\.1, a loopback address/);
    expect(dns.calls).toEqual([]);
    await expect(targets.check('https://hooks.corp.test/in')).resolves.toMatchObject({
      host: 'hooks.corp.test',
      addresses: [v4('10.1.2.3')],
    });
  });

  it('tells an unresolvable name apart from a refused one', async () => {
    const dns = changingDns({});
    await expect(
      new WebhookTargets(loopbackReceivers, dns.resolve).check('https://nowhere.test/'),
    ).rejects.toBeInstanceOf(WebhookTargetUnresolved);
  });

  it('does not follow redirects: a 3xx is a permanent failure and its Location is not requested', async () => {
    respond = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    const target = await new WebhookTargets(loopbackReceivers).check(`http://127.0.0.1:${port}/in`);
    const err = await postPinned('webhook', target, '{}', {}, 5000).catch((e: unknown) => e);
    expect(err).toEqual(new DeliveryError('webhook: HTTP 302: redirects are not followed', true));
    expect((err as DeliveryError).permanent).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer, as a transient failure', async () => {
    respond = () => undefined;
    const target = await new WebhookTargets(loopbackReceivers).check(`http://127.0.0.1:${port}/slow`);
    const err = (await postPinned('webhook', target, '{}', {}, 300).catch((e: unknown) => e)) as DeliveryError;
    expect(err.message).toBe('webhook: no answer within 300 ms');
    expect(err.permanent).toBe(false);
  });

  it('the webhook channel fails a refused target for good and an unresolvable one for a retry', async () => {
    const dns = changingDns({ 'inside.test': [[v4('192.168.0.10')]] });
    const channel = new WebhookChannel(
      2000,
      new WebhookTargets({ allowedHosts: [], allowedNetworks: [], requireHttps: false }, dns.resolve),
    );
    const n = {
      _id: 'ntf-1',
      sourceEventType: 'repair.en-route.v1',
      createdAt: new Date(),
      content: { subject: 's', text: 't' },
    } as NotificationDoc;
    const refused = (await channel
      .send(n, { webhook: { url: 'https://inside.test/hook?token=abc', secret: 'x'.repeat(16) } })
      .catch((e: unknown) => e)) as DeliveryError;
    expect(refused.permanent).toBe(true);
    expect(refused.message).toBe(
      'webhook: target refused: the URL must not point to a private or special-purpose address: inside.test resolves to 192.168.0.10, a private (RFC 1918) address',
    );
    expect(refused.message).not.toContain('token=abc');
    const unresolved = (await channel
      .send(n, { webhook: { url: 'https://gone.test/hook', secret: 'x'.repeat(16) } })
      .catch((e: unknown) => e)) as DeliveryError;
    expect(unresolved.permanent).toBe(false);
    expect(unresolved.message).toContain('gone.test does not resolve');
  });
});
