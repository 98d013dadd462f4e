import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { DeliveryError, isPermanentHttpStatus } from '../domain/retry.policy';
import { CheckedTarget, ResolvedAddress } from './webhook-targets';

/**
 * A `lookup` for the socket that answers with the addresses already checked, never asking DNS
 * again: the connection goes where the check said it may.
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const family = typeof options === 'object' && options ? options.family : undefined;
    const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (!wanted.length) {
      callback(Object.assign(new Error(`no checked IPv${family} address`), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    if (typeof options === 'object' && options?.all)
      (callback as unknown as (error: null, all: ResolvedAddress[]) => void)(null, wanted);
    else callback(null, wanted[0].address, wanted[0].family);
  };
}

/** Why an answer counts as a failed delivery; undefined for a 2xx. */
function refusal(what: string, status: number): DeliveryError | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status >= 300 && status < 400)
    return new DeliveryError(`${what}: HTTP ${status}: redirects are not followed`, true);
  return new DeliveryError(`${what}: HTTP ${status}`, isPermanentHttpStatus(status));
}

/**
 * POSTs a JSON body to a checked target, connecting only to its checked addresses (no proxy, no
 * connection reuse, redirects not followed: a 3xx is a permanent failure). Non-2xx answers and
 * network errors become DeliveryErrors.
 */
export function postPinned(
  what: string,
  target: CheckedTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  const transport = target.url.protocol === 'https:' ? https : http;
  return new Promise<void>((resolve, reject) => {
    const req = transport.request(
      {
        method: 'POST',
        protocol: target.url.protocol,
        hostname: target.host,
        port: target.url.port || undefined,
        path: `${target.url.pathname}${target.url.search}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        lookup: pinnedLookup(target.addresses),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('error', () => undefined);
        const refused = refusal(what, res.statusCode ?? 0);
        if (refused) reject(refused);
        else resolve();
      },
    );
    req.on('error', (err: Error & { code?: string }) => {
      const reason =
        err.name === 'AbortError' || err.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : (err.code ?? err.message);
      reject(new DeliveryError(`${what}: ${reason}`, false));
    });
    req.end(body);
  });
}
