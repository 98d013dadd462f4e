import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A stand-in for the SMS provider and the customers' webhook endpoints: records every POST, answers 204. */
export class HttpReceiver {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        this.calls.push({ path: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(p: string): string {
    return `http://127.0.0.1:${this.port}${p}`;
  }

  on(p: string): ReceivedCall[] {
    return this.calls.filter((c) => c.path === p);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
