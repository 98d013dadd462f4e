import ipaddr from 'ipaddr.js';

/**
 * Where a recipient's webhook may point (SSRF): an http(s) URL without credentials whose host
 * resolves only to public unicast addresses, unless the operator allows a host or a network for an
 * on-premises receiver. The URL is checked when it is registered and again at every delivery, and
 * the delivery connects to the very addresses that were checked (see WebhookTargets).
 */
export interface WebhookTargetPolicy {
  /** host names (`hooks.corp.example`, `*.corp.example`) or IP literals allowed whatever they resolve to */
  allowedHosts: string[];
  /** CIDR ranges (`10.20.0.0/16`, `fd00:1::/48`) whose addresses are allowed although not public */
  allowedNetworks: string[];
  /** only https (NODE_ENV=production) */
  requireHttps: boolean;
}

const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Reads WEBHOOK_ALLOWED_HOSTS: comma-separated host names, IP literals and CIDR ranges. */
export function parseWebhookAllowList(
  value: string | undefined,
): Pick<WebhookTargetPolicy, 'allowedHosts' | 'allowedNetworks'> {
  const allowedHosts: string[] = [];
  const allowedNetworks: string[] = [];
  for (const raw of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw.includes('/')) {
      if (!ipaddr.isValidCIDR(raw))
        throw new Error(`WEBHOOK_ALLOWED_HOSTS: ${raw} is not a CIDR range such as 10.20.0.0/16`);
      allowedNetworks.push(raw);
      continue;
    }
    const host = normaliseHost(raw);
    const name = host.startsWith('*.') ? host.slice(2) : host;
    if (!ipaddr.isValid(host) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name)) {
      throw new Error(`WEBHOOK_ALLOWED_HOSTS: ${raw} is neither a host name, an IP address nor a CIDR range`);
    }
    allowedHosts.push(ipaddr.isValid(host) ? ipaddr.parse(host).toString() : host);
  }
  return { allowedHosts, allowedNetworks };
}

/** Lower case, no brackets around an IPv6 literal, no trailing dot. */
function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

export type UrlCheck = { ok: true; url: URL; host: string; literal: boolean } | { ok: false; reason: string };

/** What can be told from the URL alone: scheme, credentials, host, length; and whether its host is a literal address. */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): UrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute http(s) URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `must be an http(s) URL, not ${url.protocol.replace(/:$/, '')}` };
  if (policy.requireHttps && url.protocol !== 'https:') return { ok: false, reason: 'must be an https URL' };
  if (url.username || url.password)
    return { ok: false, reason: 'must not carry credentials (user:password@); the signature authenticates the sender' };
  const host = normaliseHost(url.hostname);
  if (!host) return { ok: false, reason: 'must name a host' };
  return { ok: true, url, host, literal: ipaddr.isValid(host) };
}

/** Whether the operator allowed this host by name (or literal), whatever it resolves to. */
export function isAllowedHost(host: string, policy: WebhookTargetPolicy): boolean {
  const literal = ipaddr.isValid(host) ? ipaddr.parse(host).toString() : undefined;
  return policy.allowedHosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : allowed === (literal ?? host),
  );
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private (RFC 1918)',
  uniqueLocal: 'unique local (fc00::/7)',
  reserved: 'reserved',
  ipv4Compatible: 'IPv4-compatible IPv6',
};

/**
 * Undefined when a connection to this resolved address is allowed: a public unicast address, or one
 * in an allowed network. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address.
 */
export function refusedAddress(address: string, policy: WebhookTargetPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const ip = ipaddr.process(address);
  if (
    policy.allowedNetworks.some((cidr) => {
      const [network, bits] = ipaddr.parseCIDR(cidr);
      return network.kind() === ip.kind() && ip.match(network, bits);
    })
  )
    return undefined;
  const range = rangeOf(ip);
  if (range === 'unicast') return undefined;
  return `${ip.toString()}, a ${RANGE_NAMES[range] ?? `special-purpose (${range})`} address`;
}

function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  // ::a.b.c.d (deprecated IPv4-compatible, ::/96 apart from :: and ::1) counts as unicast in ipaddr.js
  if (ip.kind() === 'ipv6' && ip.match(ipaddr.parse('::'), 96) && ip.range() === 'unicast') return 'ipv4Compatible';
  return ip.range();
}
