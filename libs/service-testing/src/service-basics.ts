import { DynamicModule } from '@nestjs/common';

import { ServiceConfig, ServiceName } from '@appliance-care/platform';
import { isolateTestEnv } from '@appliance-care/testing';

import { asyncApiProblems, requestBodiesWithoutExample } from './asyncapi-check';
import { undocumentedResponses, validateOpenApi } from './openapi-check';
import { http, RunningService, startTestService, tokenFor } from './service-harness';

/** The conventions every service keeps (SPEC §5): health, metrics, docs, auth, problem+json. */
export function describeServiceBasics(service: ServiceName, register: (config: ServiceConfig) => DynamicModule): void {
  describe(`${service} service basics`, () => {
    let svc: RunningService;
    beforeAll(async () => {
      svc = await startTestService(service, register, isolateTestEnv(`${service}-basics`));
    });
    afterAll(() => svc?.close());

    it('is live and ready with Kafka and MongoDB checked', async () => {
      expect((await http('GET', `${svc.url}/health/live`)).status).toBe(200);
      const ready = await http('GET', `${svc.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.details).toMatchObject({ mongodb: { status: 'up' }, kafka: { status: 'up' } });
    });

    it('serves Prometheus metrics and OpenAPI without a token', async () => {
      const metrics = await http('GET', `${svc.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain('process_cpu_user_seconds_total');
      const docs = await http('GET', `${svc.url}/docs/json`);
      expect(docs.status).toBe(200);
      expect(docs.body.openapi).toMatch(/^3\./);
    });

    it('serves a valid OpenAPI document (the one at /docs) in which every operation documents its success body and its problem+json errors', async () => {
      const docs = await http('GET', `${svc.url}/docs/json`);
      expect(docs.status).toBe(200);
      await expect(validateOpenApi(docs.body)).resolves.toBeUndefined();
      expect(undocumentedResponses(docs.body)).toEqual([]);
    });

    it('serves its AsyncAPI 3.0 document at /asyncapi.json without a token: valid, and true to its handlers', async () => {
      expect(await asyncApiProblems(svc)).toEqual([]);
    });

    it('gives every OpenAPI request body an example', async () => {
      expect(requestBodiesWithoutExample((await http('GET', `${svc.url}/docs/json`)).body)).toEqual([]);
    });

    it('answers problem+json, and 401 to an API call without a valid token', async () => {
      const res = await fetch(`${svc.url}/api/v1/whoami`);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const forged = await http('GET', `${svc.url}/api/v1/whoami`, {
        token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXX0.',
      });
      expect(forged.status).toBe(401);
      const ok = await http('GET', `${svc.url}/api/v1/whoami`, {
        token: await tokenFor('customer', { customerId: 'C-1' }),
      });
      expect(ok.body).toMatchObject({ roles: ['customer'], customerId: 'C-1' });
      const missing = await http('GET', `${svc.url}/api/v1/no-such-route`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    });
  });
}
