import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

import { EmailChannel, NotificationDoc } from '@appliance-care/notifications';
import { waitFor } from '@appliance-care/testing';

/** A real SMTP server (STARTTLS offered with smtp-server's own certificate) recording what it accepted. */
async function smtpServer() {
  const accepted: { to: string[]; body: string; secure: boolean }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        accepted.push({ to: session.envelope.rcptTo.map((r) => r.address), body, secure: session.secure });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { accepted, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const notification = (n: number): NotificationDoc =>
  ({
    _id: `email-channel-${n}`,
    destination: `customer-${n}@example.test`,
    sourceEventType: 'installation.scheduled.v1',
    content: { subject: `Visit ${n}`, text: `Your visit ${n}`, html: `<p>Your visit ${n}</p>` },
  }) as unknown as NotificationDoc;

/** The email channel connects its own sockets (Nagle off, smtp-socket.ts): mail still goes, STARTTLS too. */
describe('email channel over its own sockets', () => {
  it('delivers over STARTTLS through the pooled connections it opened', async () => {
    const server = await smtpServer();
    const channel = new EmailChannel(
      `smtp://127.0.0.1:${server.port}?tlsRejectUnauthorized=false`,
      'care@example.test',
    );
    try {
      await Promise.all([1, 2, 3, 4, 5, 6].map((n) => channel.send(notification(n))));
      await waitFor(() => server.accepted.length === 6, { what: 'six mails accepted' });
      expect(server.accepted.map((m) => m.to[0]).sort()).toEqual(
        [1, 2, 3, 4, 5, 6].map((n) => `customer-${n}@example.test`),
      );
      expect(server.accepted.every((m) => m.secure)).toBe(true);
      expect(server.accepted.find((m) => m.to[0] === 'customer-3@example.test')?.body).toContain(
        'Message-ID: <email-channel-3@appliance-care>',
      );
    } finally {
      channel.close();
      await server.close();
    }
  });

  it('reports a server that refuses the connection as a failure worth a retry', async () => {
    const server = await smtpServer();
    await server.close(); // the port is now closed: the connection is refused
    const channel = new EmailChannel(`smtp://127.0.0.1:${server.port}`, 'care@example.test');
    try {
      await expect(channel.send(notification(7))).rejects.toMatchObject({ permanent: false });
    } finally {
      channel.close();
    }
  });
});
