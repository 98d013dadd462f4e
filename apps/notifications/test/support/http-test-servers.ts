import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

import { verifySignature } from '@appliance-care/notifications';

async function listen(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server?: Server) => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

/**
 * TEST DOUBLE of an outside SMS provider's HTTP API (POST {to, text}). Not our code under test:
 * it stands in for the real provider. `failNext` makes it answer 503 a number of times.
 */
export class SmsProviderTestDouble {
  readonly messages: { to: string; text: string; idempotencyKey?: string }[] = [];
  requests = 0;
  failNext = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    const { server, url } = await listen((req, body, res) => {
      this.requests += 1;
      if (this.failNext > 0) {
        this.failNext -= 1;
        res.writeHead(503).end('provider busy');
        return;
      }
      const { to, text } = JSON.parse(body);
      this.messages.push({ to, text, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res
        .writeHead(202, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `sms-${this.messages.length}` }));
    });
    this.server = server;
    this.url = `${url}/v1/messages`;
  }

  stop(): Promise<void> {
    return close(this.server);
  }
}

/** A customer's webhook endpoint that checks X-Signature with the secret it was given, as a real receiver must. */
export class WebhookReceiver {
  readonly verified: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
  rejected = 0;
  private server?: Server;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    const { server, url } = await listen((req, body, res) => {
      if (!verifySignature(body, this.secret, req.headers['x-signature'] as string | undefined)) {
        this.rejected += 1;
        res.writeHead(401).end();
        return;
      }
      this.verified.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(204).end();
    });
    this.server = server;
    this.url = `${url}/hooks/appliance-care`;
  }

  stop(): Promise<void> {
    return close(this.server);
  }
}
