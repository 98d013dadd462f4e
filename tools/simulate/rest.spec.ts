import http from 'node:http';
import { AddressInfo } from 'node:net';

import { RestClient } from './rest';

describe('RestClient', () => {
  let server: http.Server;
  let base: string;
  let active = 0;
  let mostActive = 0;
  const answers = new Map<string, number[]>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      active++;
      mostActive = Math.max(mostActive, active);
      const queue = answers.get(req.url ?? '') ?? [];
      const status = queue.length > 1 ? queue.shift()! : (queue[0] ?? 200);
      const body = status === 409 ? { currentState: 'completed' } : { ok: true, url: req.url };
      setTimeout(() => {
        active--;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('keeps at most `concurrency` requests in flight, the rest queued', async () => {
    const rest = new RestClient(3);
    const calls = Array.from({ length: 12 }, (_, i) => rest.call('GET', `${base}/items/${i}`, 'token'));
    expect(rest.inFlight).toBe(12);
    await Promise.all(calls);
    expect(mostActive).toBe(3);
    expect(rest.inFlight).toBe(0);
    expect(rest.calls).toBe(12);
  });

  it('retries a "not yet" status until the answer comes, and takes a 409 in a done state as done', async () => {
    answers.set('/late', [404, 404, 201]);
    answers.set('/done', [409]);
    const rest = new RestClient(2);
    await expect(rest.call('POST', `${base}/late`, 'token', {}, { retryOn: [404] })).resolves.toEqual({
      ok: true,
      url: '/late',
    });
    await expect(rest.call('POST', `${base}/done`, 'token', {}, { alreadyIn: ['completed'] })).resolves.toBeUndefined();
    expect(rest.calls).toBe(4);
  });

  it('gives up at once on a status it was not told to retry, counting it by route', async () => {
    answers.set('/tickets/T-1/start', [400]);
    const rest = new RestClient(2);
    await expect(rest.call('POST', `${base}/tickets/T-1/start`, 'token')).rejects.toThrow(/→ 400/);
    expect(rest.failures).toBe(1);
    expect([...rest.errors]).toEqual([['POST /tickets/:id/start → 400', 1]]);
  });
});
