import { http } from '@appliance-care/service-testing';

interface Operation {
  method: string;
  path: string;
  query: string[];
  example?: Record<string, unknown>;
}

interface FuzzRequest {
  what: string;
  path: string;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const HOSTILE_IDS = [
  'SEC-FUZZ-1',
  'x'.repeat(4000),
  '%24gt',
  encodeURIComponent('{"$gt":""}'),
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  encodeURIComponent('é😀\u202e'),
  '-1',
  'null',
];
const HOSTILE_QUERY_VALUES = [
  'x'.repeat(3000),
  '-1',
  'NaN',
  '1e309',
  '[]',
  '%00',
  encodeURIComponent('{"$ne":null}'),
  '2026-13-45T99:99:99Z',
];
const WRONG_TYPES: unknown[] = [{}, [], 12345, true, null, 'x'.repeat(50_000), { $gt: '' }, [[[[['deep']]]]]];

function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: ((op.parameters ?? []) as { in: string; name: string }[])
        .filter((p) => p.in === 'query')
        .map((p) => p.name),
      example: op.requestBody?.content?.['application/json']?.schema?.example,
    })),
  );
}

const withIds = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);

/** A handful of malformed requests per operation: none of them may answer 5xx or break the service. */
function malformed(op: Operation): FuzzRequest[] {
  const path = withIds(op.path, 'SEC-FUZZ-1');
  const requests: FuzzRequest[] = HOSTILE_IDS.map((id) => ({
    what: `path id ${id.slice(0, 24)}`,
    path: withIds(op.path, id),
    body: op.method === 'GET' ? undefined : (op.example ?? {}),
  }));
  for (const name of op.query) {
    for (const value of HOSTILE_QUERY_VALUES)
      requests.push({ what: `query ${name}=${value.slice(0, 24)}`, path, query: `${name}=${value}` });
    requests.push(
      { what: `query ${name} twice`, path, query: `${name}=a&${name}=b` },
      { what: `query ${name}[$ne]`, path, query: `${name}[$ne]=1` },
    );
  }
  requests.push({ what: 'unknown query parameter', path, query: 'unknownParameter=1&%24where=1' });
  if (op.method !== 'GET') {
    const example = op.example ?? {};
    requests.push(
      { what: 'invalid JSON', path, body: '{"a":' },
      { what: 'JSON array body', path, body: [example] },
      { what: 'JSON string body', path, body: '"text"' },
      { what: 'JSON null body', path, body: 'null' },
      { what: 'form body', path, body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { what: 'unknown field', path, body: { ...example, unknownField: 'x' } },
      { what: 'operator injection', path, body: { ...example, $where: 'sleep(1000)' } },
      { what: 'dotted key', path, body: { 'customer.id': 'x' } },
      { what: 'huge string', path, body: { ...example, notes: 'x'.repeat(200_000) } },
      { what: 'over the body limit', path, body: { s: 'x'.repeat(400_000) } },
      { what: 'absurd nesting', path, body: '['.repeat(5000) + ']'.repeat(5000) },
      { what: 'odd Idempotency-Key', path, body: example, headers: { 'idempotency-key': `${'k'.repeat(500)}\u00e9` } },
    );
    for (const key of Object.keys(example)) {
      for (const wrong of WRONG_TYPES)
        requests.push({
          what: `field ${key} as ${JSON.stringify(wrong).slice(0, 24)}`,
          path,
          body: { ...example, [key]: wrong },
        });
    }
  }
  return requests;
}

/** One malformed request: what went wrong (a 5xx, no answer), or undefined for an answer below 500. */
async function failureOf(url: string, admin: string, op: Operation, req: FuzzRequest): Promise<string | undefined> {
  const target = `${url}${req.path}${req.query ? `?${req.query}` : ''}`;
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${admin}`, ...(req.headers ?? {}) };
    if (req.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(target, {
      method: op.method,
      headers,
      body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
      // a request that never answers is a crash too; generous, the machine is shared
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return res.status >= 500 ? `${op.method} ${op.path} (${req.what}): ${res.status} ${text.slice(0, 200)}` : undefined;
  } catch (err) {
    return `${op.method} ${op.path} (${req.what}): ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`;
  }
}

/**
 * Sends every malformed request of every operation of the service's OpenAPI document (as the admin:
 * past authentication, into validation and the handlers): what answered 5xx or not at all, in words.
 */
export async function fuzzService(
  url: string,
  admin: string,
): Promise<{ operations: number; requests: number; failures: string[] }> {
  const operations = operationsOf((await http('GET', `${url}/docs/json`)).body);
  const failures: string[] = [];
  let requests = 0;
  for (const op of operations) {
    for (const req of malformed(op)) {
      requests++;
      const failure = await failureOf(url, admin, op, req);
      if (failure) failures.push(failure);
    }
  }
  return { operations: operations.length, requests, failures };
}
