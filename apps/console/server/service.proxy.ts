import { Readable } from 'node:stream';
import type { Request, Response } from 'express';

import { SERVICE_NAMES, ServiceName } from './console.config';

/**
 * The request headers passed on to a service: the bearer token, what the body is and what the caller
 * accepts, and the API's own headers. An allow-list, so the browser's cookies and the like never reach
 * a service.
 */
const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'idempotency-key',
  'x-correlation-id',
  'if-match',
];
/** Response headers passed back (hop-by-hop and length/encoding headers are the server's own business). */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'location',
  'etag',
  'cache-control',
  'x-correlation-id',
];

function forwardedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

const isService = (name: string): name is ServiceName => (SERVICE_NAMES as readonly string[]).includes(name);

/** A path that would leave the service's /api/v1 once resolved (`..`, `.`, an encoded slash): refused. */
function leavesApi(segments: string[]): boolean {
  return segments.some((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    return decoded === '.' || decoded === '..' || /[/\\]/.test(decoded);
  });
}

/**
 * `/api/<service>/<path>` → `<service URL>/api/v1/<path>`, streamed both ways with Node's fetch (no
 * proxy library: this is all the console needs, and the request headers are an allow-list). The
 * Authorization header is forwarded, never logged. An unknown service is 404, an unreachable one 502,
 * both as problem+json like the services' own errors.
 */
export function serviceProxy(services: Record<ServiceName, string>) {
  return async (req: Request, res: Response): Promise<void> => {
    const [, service, ...rest] = req.path.split('/');
    if (!isService(service)) return problem(res, 404, 'Not Found', `no service called ${service}`);
    if (leavesApi(rest)) return problem(res, 400, 'Bad Request', 'the path must stay within the API');
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const target = `${services[service]}/api/v1/${rest.join('/')}${query}`;
    const hasBody = !['GET', 'HEAD'].includes(req.method);
    try {
      const upstream = await fetch(target, {
        method: req.method,
        headers: forwardedHeaders(req),
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        // a streamed request body needs half-duplex (Node's fetch)
        ...(hasBody ? { duplex: 'half' } : {}),
        redirect: 'manual',
      } as RequestInit);
      res.status(upstream.status);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!upstream.body) return void res.end();
      Readable.fromWeb(upstream.body as never).pipe(res);
    } catch {
      problem(res, 502, 'Bad Gateway', `${service} is not reachable`);
    }
  };
}

export function problem(res: Response, status: number, title: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
