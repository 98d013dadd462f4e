import { ReceivedMail } from '@appliance-care/testing';

/** A mail's decoded text/plain and text/html bodies (what a mail client shows), from the raw message the sink kept. */
export interface MailParts {
  text: string;
  html: string;
}

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

function decodePart(part: string): { type: string; body: string } {
  const split = part.search(/\r?\n\r?\n/);
  const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = part.slice(split).trim();
  const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'text/plain';
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return { type, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  if (encoding === 'quoted-printable') return { type, body: decodeQuotedPrintable(body) };
  return { type, body };
}

export function mailParts(mail: ReceivedMail): MailParts {
  const boundary = /boundary="?([^";\s]+)"?/i.exec(mail.raw)?.[1];
  const parts = boundary ? mail.raw.split(`--${boundary}`).slice(1, -1) : [mail.raw];
  const decoded = parts.map(decodePart);
  return {
    text: decoded.find((p) => p.type === 'text/plain')?.body ?? '',
    html: decoded.find((p) => p.type === 'text/html')?.body ?? '',
  };
}

/** The token of every `…-links/<token>` link in a text. */
export const linkTokens = (text: string, kind: 'appointment' | 'feedback'): string[] =>
  [...text.matchAll(new RegExp(`${kind}-links/([\\w-]+\\.[\\w-]+\\.[\\w-]+)`, 'g'))].map((m) => m[1]);
