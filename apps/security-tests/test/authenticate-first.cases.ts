import { readMatrix } from './authz-matrix';
import { BackendService } from './service-processes';

interface WriteOperation {
  method: string;
  path: string;
}

/** Bodies a validator, the hostile-input guard or the JSON parser would refuse, each with details. */
const BAD_BODIES: { what: string; body: string; contentType?: string }[] = [
  { what: 'a schema-invalid body', body: JSON.stringify({ unknownField: 'x', quantity: 'not a number' }) },
  { what: 'a JSON array', body: JSON.stringify([1, 2]) },
  { what: 'operator injection', body: JSON.stringify({ $where: 'sleep(1000)' }) },
  { what: 'a dotted key', body: JSON.stringify({ 'customer.id': 'x' }) },
  { what: 'absurd nesting', body: '['.repeat(200) + ']'.repeat(200) },
  { what: 'invalid JSON', body: '{"a":' },
  { what: 'a body over the limit', body: JSON.stringify({ s: 'x'.repeat(300_000) }) },
];

const writeOperations = (doc: { paths: Record<string, Record<string, unknown>> }): WriteOperation[] =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['post', 'put', 'patch'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );

/** Routes without a bearer token (signed links): the link in the path is the credential. */
const PUBLIC = new Set(
  readMatrix()
    .filter((row) => row.noToken === 'public')
    .map((row) => `${row.service} ${row.method} ${row.path}`),
);
/** What the schema would say: a bad link must be refused before the body is validated. */
const SCHEMA_BODIES = new Set(['a schema-invalid body', 'a JSON array']);

/**
 * A write answered as it must without a valid credential: 401 for a bearer route; for a link route
 * with a forged link, 404 before the body is validated (the request-hygiene refusals that come before
 * any route, 400 for hostile keys or malformed JSON and 413, name only the caller's own keys, no field
 * of the schema). A bearer route never gives validation details.
 */
function refusedFirst(publicRoute: boolean, what: string, status: number, body: { errors?: unknown } | undefined) {
  if (!publicRoute) return status === 401 && body?.errors === undefined;
  if (SCHEMA_BODIES.has(what)) return status === 404 && body?.errors === undefined;
  return [400, 404, 413].includes(status);
}

/**
 * Authentication comes before anything reads the body: a caller without a valid token learns
 * nothing about what a body should look like (no validation details). Every write operation of the
 * service's OpenAPI document, each bad body without a token and with a forged one: the answers that
 * were not such a refusal, in words.
 */
export async function writesNotRefusedFirst(
  service: BackendService,
  url: string,
): Promise<{ operations: number; wrong: string[] }> {
  const doc = (await (await fetch(`${url}/docs/json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const operations = writeOperations(doc);
  const wrong: string[] = [];
  for (const op of operations) {
    const path = op.path.replace(/\{[^}]+\}/g, 'SEC-AUTH-FIRST-1');
    for (const bad of BAD_BODIES) {
      for (const authorization of [undefined, 'Bearer not.a.jwt']) {
        const res = await fetch(`${url}${path}`, {
          method: op.method,
          headers: {
            'content-type': bad.contentType ?? 'application/json',
            ...(authorization ? { authorization } : {}),
          },
          body: bad.body,
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await res.json().catch(() => undefined)) as { errors?: unknown } | undefined;
        const problem = res.headers.get('content-type')?.includes('application/problem+json');
        const publicRoute = PUBLIC.has(`${service} ${op.method} ${op.path}`);
        if (!problem || !refusedFirst(publicRoute, bad.what, res.status, body)) {
          wrong.push(
            `${op.method} ${op.path}, ${bad.what}, ${authorization ? 'bad token' : 'no token'}: ${res.status} ${JSON.stringify(body).slice(0, 160)}`,
          );
        }
      }
    }
  }
  return { operations: operations.length, wrong };
}
