import { http, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, waitFor } from '@appliance-care/testing';

import { writesNotRefusedFirst } from './authenticate-first.cases';
import { fuzzService } from './fuzz.requests';
import { BackendService, ServiceProcess, SERVICES, startAll, stopAll } from './service-processes';

/**
 * Every service as a process against hostile HTTP requests: first without a valid token (refused
 * before anything reads the body), then as the admin with malformed requests (never a 5xx, the
 * service stays ready). One start serves both: the services' body limit is the production default.
 */
let procs: Record<BackendService, ServiceProcess>;

beforeAll(async () => {
  procs = await startAll(isolateTestEnv('security-hostile-http'), { HTTP_BODY_LIMIT: '256kb' });
}, 300_000);
afterAll(() => stopAll(procs), 60_000);

describe('authenticate first: an unauthenticated write with a bad body → 401', () => {
  it.each([...SERVICES])(
    '%s',
    async (service) => {
      const { operations, wrong } = await writesNotRefusedFirst(service, procs[service].url);
      expect(operations).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
    },
    300_000,
  );
});

describe('fuzz: malformed requests to every operation of every OpenAPI document', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor('admin');
  });

  it.each([...SERVICES])(
    '%s never answers 5xx and stays ready',
    async (service) => {
      const { url } = procs[service];
      const { operations, requests, failures } = await fuzzService(url, admin);
      expect(operations).toBeGreaterThan(0);
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(operations);
      await waitFor(async () => (await http('GET', `${url}/health/ready`)).status === 200, {
        timeoutMs: 30_000,
        intervalMs: 500,
        what: `${service} to stay ready`,
      });
    },
    600_000,
  );
});
