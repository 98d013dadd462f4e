import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  headers: Record<string, string>;
  raw: string;
}

/**
 * A real SMTP server for tests (the smtp-server package): records every message it accepts.
 * `reject` answers chosen recipients with an SMTP error; `delayMs` slows acceptance down.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  reject: (to: string) => { code: number; message: string } | undefined = () => undefined;
  delayMs = 0;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.reject(address.address);
        if (!refusal) return callback();
        const err = new Error(refusal.message) as Error & { responseCode: number };
        err.responseCode = refusal.code;
        callback(err);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const accept = () => {
            this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), headers: parseHeaders(raw), raw });
            callback();
          };
          if (this.delayMs) setTimeout(accept, this.delayMs);
          else accept();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Mails carrying this X-Notification-Id, or sent to this address. */
  byNotification(id: string): ReceivedMail[] {
    return this.mails.filter((m) => m.headers['x-notification-id'] === id);
  }

  to(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.mails.filter((m) => m.to.some((to) => to.toLowerCase() === wanted));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}
