import http from 'node:http';
import { AddressInfo } from 'node:net';

import { idString } from '@appliance-care/contracts';

import { Actors } from './actors';
import { Bookkeeping, Lifecycle } from './bookkeeping';
import { SimulatorOptions } from './options';
import { PlannedPurchase } from './plan';
import { RestClient } from './rest';
import { receiptsFor, shortQuantities } from './warehouse';

const pump = { sku: 'WM-DP-30W', name: 'Drain pump 30 W', quantity: 1 };

describe('shortQuantities and receiptsFor', () => {
  it('asks for one more than the larger of van and depot holds, at most 100', () => {
    const depot = new Map([['WM-DP-30W', 10]]);
    const van = new Map([['WM-DP-30W', 2]]);
    expect(shortQuantities([pump], [depot, van])).toEqual([{ ...pump, quantity: 11 }]);
    expect(shortQuantities([pump], [new Map(), new Map()])).toEqual([{ ...pump, quantity: 1 }]);
    expect(shortQuantities([pump], [new Map([['WM-DP-30W', 400]])])[0].quantity).toBe(100);
  });

  it('posts one receipt per location ordered for, with ids valid and distinct per request', () => {
    const lines = [
      { ...pump, quantity: 11, location: 'depot:london' },
      { sku: 'WM-IV-2WAY', name: 'Inlet valve', quantity: 1, location: 'depot:london' },
      { sku: 'GH-TC-450', name: 'Thermocouple', quantity: 2, location: 'depot:leeds' },
    ];
    const receipts = receiptsFor('r1', 'RT-1', 'e7c1-44aa-9f', lines);
    expect(receipts.map((r) => [r.location, r.lines])).toEqual([
      [
        'depot:london',
        [
          { sku: 'WM-DP-30W', quantity: 11 },
          { sku: 'WM-IV-2WAY', quantity: 1 },
        ],
      ],
      ['depot:leeds', [{ sku: 'GH-TC-450', quantity: 2 }]],
    ]);
    for (const r of receipts) expect(idString.safeParse(r.receiptId).success).toBe(true);
    const again = receiptsFor('r1', 'RT-1', 'other-request', lines).map((r) => r.receiptId);
    expect(new Set([...receipts.map((r) => r.receiptId), ...again]).size).toBe(4);
  });
});

/** A parts service, repairs and diagnostics standing in on one port: answers by route, records every request. */
describe('the technician and the warehouse over REST', () => {
  let server: http.Server;
  let base: string;
  const seen: { method: string; url: string; body: unknown; auth: string }[] = [];
  const reservations: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const url = req.url ?? '';
        seen.push({
          method: req.method!,
          url,
          body: raw ? JSON.parse(raw) : undefined,
          auth: req.headers.authorization!,
        });
        const send = (status: number, body: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (url.startsWith('/api/v1/reservations/')) {
          const status = reservations.length > 1 ? reservations.shift()! : reservations[0];
          return send(200, {
            status,
            lines: [{ sku: 'WM-DP-30W', quantity: 11, state: status === 'waiting' ? 'waiting' : 'reserved' }],
          });
        }
        if (url === '/api/v1/stock/depot:london') return send(200, { items: [{ sku: 'WM-DP-30W', available: 10 }] });
        if (url.startsWith('/api/v1/stock/van:')) return send(404, { title: 'nothing stocked' });
        send(200, {});
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (seen.length = 0));

  const setUp = (partsShortage: boolean) => {
    const purchase = {
      orderId: 'O-1',
      customerId: 'C-1',
      region: 'london',
      data: { customer: { name: 'Ada Lovelace' } },
      items: [
        {
          serialNumber: 'SN-1',
          fault: {
            visitOutcome: 'repair-required',
            repairFaultId: 'wm-drain-pump-failed',
            parts: [pump],
            partsShortage,
          },
        },
      ],
    } as unknown as PlannedPurchase;
    const book = new Bookkeeping([purchase]);
    const urls = Object.fromEntries(
      ['sales-installation', 'diagnostics', 'repairs', 'dispatch', 'notifications', 'parts'].map((s) => [s, base]),
    );
    const options = { runId: 'r1', urls } as unknown as SimulatorOptions;
    const actors = new Actors(options, new RestClient(4), book, async () => undefined);
    const lifecycle: Lifecycle = book.lifecycles[0];
    lifecycle.applianceId = 'A-1';
    return { book, actors, lifecycle };
  };

  it('names more pumps than van and depot hold for a repair planned short, the plain part otherwise', async () => {
    const short = setUp(true);
    await short.actors.visit(short.lifecycle, 'CASE-1', 'T-LDN-001');
    const result = seen.find((r) => r.url === '/api/v1/cases/CASE-1/results')!;
    expect(result.body).toMatchObject({ outcome: 'repair-required', parts: [{ sku: 'WM-DP-30W', quantity: 11 }] });
    seen.length = 0;
    const plain = setUp(false);
    await plain.actors.visit(plain.lifecycle, 'CASE-2', 'T-LDN-001');
    expect(seen.map((r) => r.url)).toEqual(['/api/v1/cases/CASE-2/results']);
    expect(seen[0].body).toMatchObject({ parts: [pump] });
  });

  it('does not go while the parts are on order (after the reservation is decided), and goes once they are reserved', async () => {
    const { book, actors, lifecycle } = setUp(true);
    lifecycle.parts = [{ ...pump, quantity: 11 }];
    reservations.push('reserving', 'waiting');
    await actors.repair(lifecycle, 'RT-1', 'T-LDN-001');
    expect(seen.map((r) => r.url)).toEqual(['/api/v1/reservations/RT-1', '/api/v1/reservations/RT-1']);
    expect(lifecycle.waitingForParts).toBe('11 × WM-DP-30W');
    expect(lifecycle.stalled).toBeUndefined();
    reservations.splice(0, reservations.length, 'reserved');
    seen.length = 0;
    await actors.repair(lifecycle, 'RT-1', 'T-LDN-001');
    expect(seen.map((r) => r.url.replace('/api/v1/tickets/RT-1', ''))).toEqual([
      '/api/v1/reservations/RT-1',
      '/accept',
      '/en-route',
      '/start',
      '/complete',
    ]);
    expect(book.counters.actionErrors).toBe(0);
  });

  it("delivers what a purchase request ordered as stock receipts, with a dispatcher's token", async () => {
    const { book, actors, lifecycle } = setUp(true);
    const lines = [{ ...pump, quantity: 11, location: 'depot:london' }];
    await actors.warehouse.deliver(lifecycle, 'RT-1', 'EV-1', lines);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/stock/receipts',
      body: { location: 'depot:london', lines: [{ sku: 'WM-DP-30W', quantity: 11 }] },
    });
    const claims = JSON.parse(Buffer.from(seen[0].auth.split('.')[1], 'base64url').toString()) as { roles: string[] };
    expect(claims.roles).toEqual(['dispatcher']);
    expect(book.counters.receipts).toBe(1);
  });
});
