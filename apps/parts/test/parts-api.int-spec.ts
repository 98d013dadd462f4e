import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { dispatcher, seedFile, technician, uid } from './parts.fixtures';

describe('parts REST: catalogue, stock and receipts (roles, 400, 403, 404)', () => {
  let svc: RunningService;
  const region = uid('api').toLowerCase();
  const van = `van:T-${region}`;
  const get = async (path: string, token: string) => http('GET', `${svc.url}/api/v1/${path}`, { token });
  const receipt = async (body: unknown, token?: string) =>
    http('POST', `${svc.url}/api/v1/stock/receipts`, { token: token ?? (await dispatcher()), body });

  beforeAll(async () => {
    const env = isolateTestEnv('parts-api');
    const seed = seedFile([
      { location: van, sku: 'WM-DP-30W', quantity: 2 },
      { location: `depot:${region}`, sku: 'WM-DP-30W', quantity: 4 },
    ]);
    svc = await startTestService('parts', (c) => AppModule.register(c, { seedFile: seed }), env);
  });
  afterAll(() => svc?.close());

  it('lists the catalogue with costs and prices, filtered by category, and answers an unknown sku 404', async () => {
    const all = await get('catalogue?category=washing-machine', await technician('T-x'));
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(
      all.body.items.every(
        (i: { categories: string[] }) => i.categories.length === 0 || i.categories.includes('washing-machine'),
      ),
    ).toBe(true);
    const one = await get('catalogue/WM-DP-30W', await dispatcher());
    expect(one.body).toMatchObject({
      sku: 'WM-DP-30W',
      unitPrice: expect.any(Number),
      unitCost: expect.any(Number),
      currency: 'GBP',
    });
    const missing = await get('catalogue/NO-SUCH-PART', await dispatcher());
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('catalogue', await tokenFor('customer', { customerId: 'C-1' }))).status).toBe(403);
  });

  it('shows a technician their own van only (anywhere else is 404); staff see any location; nothing stocked is 404, a bad location 400', async () => {
    const own = await get(`stock/${van}`, await technician(`T-${region}`));
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      location: van,
      items: [{ location: van, sku: 'WM-DP-30W', available: 2, reserved: 0 }],
    });
    expect((await get(`stock/${van}`, await technician('T-someone-else'))).status).toBe(404);
    expect((await get(`stock/depot:${region}`, await technician(`T-${region}`))).status).toBe(404);
    expect((await get(`stock/depot:${region}`, await dispatcher())).status).toBe(200);
    expect((await get('stock/depot:nowhere-at-all', await dispatcher())).status).toBe(404);
    const bad = await get('stock/shelf:1', await dispatcher());
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('location');
  });

  it('takes receipts from dispatchers only, validates them naming the field, and refuses an unknown sku 404', async () => {
    const location = `depot:${region}`;
    const ok = await receipt({ location, lines: [{ sku: 'WM-DP-30W', quantity: 3 }] });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ receiptId: expect.stringMatching(/^RCPT-/), counted: true, filled: [] });
    expect((await get(`stock/${location}`, await dispatcher())).body.items[0]).toMatchObject({ available: 7 });

    const zero = await receipt({ location, lines: [{ sku: 'WM-DP-30W', quantity: 0 }] });
    expect(zero.status).toBe(400);
    expect(zero.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(zero.body)).toContain('lines');
    const where = await receipt({ location: 'garage', lines: [{ sku: 'WM-DP-30W', quantity: 1 }] });
    expect(where.status).toBe(400);
    expect(JSON.stringify(where.body)).toContain('location');
    expect((await receipt({ location, lines: [{ sku: 'NO-SUCH-PART', quantity: 1 }] })).status).toBe(404);
    expect(
      (await receipt({ location, lines: [{ sku: 'WM-DP-30W', quantity: 1 }] }, await technician(`T-${region}`))).status,
    ).toBe(403);
    expect((await get(`stock/${location}`, await dispatcher())).body.items[0]).toMatchObject({ available: 7 });
  });

  it('answers a ticket without a reservation 404, and hides reservations from technicians', async () => {
    expect((await get('reservations/RT-none', await dispatcher())).status).toBe(404);
    expect((await get('reservations/RT-none', await technician('T-x'))).status).toBe(403);
  });
});
