import { lookup } from 'node:dns/promises';

import { checkWebhookUrl, isAllowedHost, refusedAddress, WebhookTargetPolicy } from '../domain/webhook-target.policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Host name → every address it resolves to (the system resolver unless given: tests stand in for DNS). */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (host) => lookup(host, { all: true, verbatim: true });

/** A webhook URL that passed the policy, with the addresses a delivery may connect to (and only those). */
export interface CheckedTarget {
  url: URL;
  /** host name as the URL has it, without IPv6 brackets: used for the Host header and TLS (SNI, certificate) */
  host: string;
  addresses: ResolvedAddress[];
}

/** The URL or what it resolves to is not allowed: permanent, retrying cannot help. */
export class WebhookTargetRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WebhookTargetRefused';
  }
}

/** The host name did not resolve (now): at delivery a transient failure, at registration a 400. */
export class WebhookTargetUnresolved extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WebhookTargetUnresolved';
  }
}

/**
 * Resolves a webhook URL and checks every address it resolves to against the policy. Used when a
 * recipient registers the URL and again before each delivery, which then connects to the checked
 * addresses only (a name that now resolves elsewhere, DNS rebinding, cannot slip in between).
 */
export class WebhookTargets {
  constructor(
    private readonly policy: WebhookTargetPolicy,
    private readonly resolve: HostResolver = systemResolver,
    private readonly resolveTimeoutMs = 5000,
  ) {}

  async check(rawUrl: string): Promise<CheckedTarget> {
    const checked = checkWebhookUrl(rawUrl, this.policy);
    if (!checked.ok) throw new WebhookTargetRefused(checked.reason);
    const { url, host, literal } = checked;
    const addresses = literal ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await this.lookup(host);
    if (!isAllowedHost(host, this.policy)) {
      for (const { address } of addresses) {
        const refused = refusedAddress(address, this.policy);
        if (refused) {
          throw new WebhookTargetRefused(
            literal
              ? `must not point to a private or special-purpose address: ${refused}`
              : `must not point to a private or special-purpose address: ${host} resolves to ${refused}`,
          );
        }
      }
    }
    return { url, host, addresses };
  }

  private async lookup(host: string): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const addresses = await Promise.race([
        this.resolve(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${this.resolveTimeoutMs} ms`)),
            this.resolveTimeoutMs,
          );
        }),
      ]);
      if (!addresses.length) throw new Error('no addresses');
      return addresses;
    } catch (err) {
      const failure = err as { code?: string; message?: string };
      throw new WebhookTargetUnresolved(
        `the host name ${host} does not resolve (${failure.code ?? failure.message ?? String(err)})`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
