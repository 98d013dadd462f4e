import { isolateTestEnv } from '@appliance-care/testing';

import { BackendService, ServiceProcess, SERVICES, startAll, stopAll } from './service-processes';

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

/**
 * Authentication comes before anything reads the body: a caller without a valid token learns
 * nothing about what a body should look like (no validation details), on every write operation of
 * every service's OpenAPI document.
 */
describe('authenticate first: an unauthenticated write with a bad body → 401', () => {
  let procs: Record<BackendService, ServiceProcess>;

  beforeAll(async () => {
    procs = await startAll(isolateTestEnv('security-auth-first'));
  }, 300_000);
  afterAll(() => stopAll(procs), 60_000);

  it.each([...SERVICES])(
    '%s',
    async (service) => {
      const { url } = procs[service];
      const doc = (await (await fetch(`${url}/docs/json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = writeOperations(doc);
      expect(operations.length).toBeGreaterThan(0);
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
            if (res.status !== 401 || !problem || body?.errors !== undefined) {
              wrong.push(
                `${op.method} ${op.path}, ${bad.what}, ${authorization ? 'bad token' : 'no token'}: ${res.status} ${JSON.stringify(body).slice(0, 160)}`,
              );
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    },
    300_000,
  );
});
