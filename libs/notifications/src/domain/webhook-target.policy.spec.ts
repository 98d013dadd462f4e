import {
  checkWebhookUrl,
  isAllowedHost,
  parseWebhookAllowList,
  refusedAddress,
  WebhookTargetPolicy,
} from './webhook-target.policy';

const open: WebhookTargetPolicy = { allowedHosts: [], allowedNetworks: [], requireHttps: false };

describe('webhook target policy (SSRF)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.1.2.3', 'private (RFC 1918)'],
    ['172.16.0.1', 'private (RFC 1918)'],
    ['172.31.255.254', 'private (RFC 1918)'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private (RFC 1918)'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::a00:1', 'IPv4-compatible'],
    ['64:ff9b::a00:1', 'special-purpose'],
    ['2002:a00:1::', 'special-purpose'],
    ['192.0.2.10', 'reserved'],
    ['240.0.0.1', 'reserved'],
  ])('refuses %s (%s)', (address, what) => {
    expect(refusedAddress(address, open)).toContain(what);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(refusedAddress(address, open)).toBeUndefined();
    },
  );

  it('allows addresses of allowed networks (on-premises receivers), and only those', () => {
    const policy = { ...open, ...parseWebhookAllowList('10.20.0.0/16, fd00:1::/48') };
    expect(refusedAddress('10.20.3.4', policy)).toBeUndefined();
    expect(refusedAddress('::ffff:10.20.3.4', policy)).toBeUndefined();
    expect(refusedAddress('fd00:1::7', policy)).toBeUndefined();
    expect(refusedAddress('10.21.0.1', policy)).toContain('private');
    expect(refusedAddress('127.0.0.1', policy)).toContain('loopback');
  });

  it('allows hosts by name or literal, with a wildcard for subdomains', () => {
    const policy = { ...open, ...parseWebhookAllowList('hooks.corp.example,*.lab.example, 127.0.0.1,[::1]') };
    expect(policy.allowedHosts).toEqual(['hooks.corp.example', '*.lab.example', '127.0.0.1', '::1']);
    expect(isAllowedHost('hooks.corp.example', policy)).toBe(true);
    expect(isAllowedHost('a.b.lab.example', policy)).toBe(true);
    expect(isAllowedHost('lab.example', policy)).toBe(false);
    expect(isAllowedHost('evil-hooks.corp.example', policy)).toBe(false);
    expect(isAllowedHost('127.0.0.1', policy)).toBe(true);
    expect(isAllowedHost('::1', policy)).toBe(true);
    expect(isAllowedHost('localhost', policy)).toBe(false);
  });

  it('refuses a malformed allow list at start-up', () => {
    expect(() => parseWebhookAllowList('10.0.0.0/33')).toThrow(/CIDR/);
    expect(() => parseWebhookAllowList('http://x')).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    expect(parseWebhookAllowList(undefined)).toEqual({ allowedHosts: [], allowedNetworks: [] });
  });

  it.each([
    ['ftp://example.org/hook', 'must be an http(s) URL, not ftp'],
    ['file:///etc/passwd', 'must be an http(s) URL, not file'],
    ['gopher://127.0.0.1:6379/_INFO', 'must be an http(s) URL'],
    ['http://user:secret@example.org/hook', 'must not carry credentials'],
    ['https://token@example.org/hook', 'must not carry credentials'],
    ['not a url', 'absolute http(s) URL'],
    [`https://example.org/${'x'.repeat(2100)}`, 'at most 2048'],
  ])('refuses the URL %s', (url, reason) => {
    const result = checkWebhookUrl(url, open);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('requires https in production', () => {
    expect(checkWebhookUrl('http://hooks.example.org/x', { ...open, requireHttps: true })).toEqual({
      ok: false,
      reason: 'must be an https URL',
    });
    expect(checkWebhookUrl('https://hooks.example.org/x', { ...open, requireHttps: true })).toMatchObject({
      ok: true,
      host: 'hooks.example.org',
      literal: false,
    });
  });

  it('normalises the host: IPv6 brackets, decimal and hexadecimal IPv4 forms, a trailing dot', () => {
    expect(checkWebhookUrl('http://[::ffff:a9fe:a9fe]/', open)).toMatchObject({
      ok: true,
      host: '::ffff:a9fe:a9fe',
      literal: true,
    });
    expect(checkWebhookUrl('http://2130706433/', open)).toMatchObject({ ok: true, host: '127.0.0.1', literal: true });
    expect(checkWebhookUrl('http://0x7f.1/', open)).toMatchObject({ ok: true, host: '127.0.0.1', literal: true });
    expect(checkWebhookUrl('http://LocalHost./', open)).toMatchObject({ ok: true, host: 'localhost', literal: false });
  });
});
