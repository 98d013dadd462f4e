import { simpleParser } from 'mailparser';

import { ReceivedMail } from './smtp-sink';

/** A mail's decoded text/plain and text/html bodies (what a mail client shows). */
export interface MailParts {
  text: string;
  html: string;
}

/** Decodes the raw message the sink kept (MIME parts, quoted-printable, base64) with mailparser. */
export async function mailParts(mail: ReceivedMail): Promise<MailParts> {
  const parsed = await simpleParser(mail.raw);
  return { text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '' };
}

/** The token of every `…-links/<token>` link in a text. */
export const linkTokens = (text: string, kind: 'appointment' | 'feedback'): string[] =>
  [...text.matchAll(new RegExp(`${kind}-links/([\\w-]+\\.[\\w-]+\\.[\\w-]+)`, 'g'))].map((m) => m[1]);

/** Every `…-links/<token>` link (the whole URL) in a text. */
export const links = (text: string, kind: 'appointment' | 'feedback'): string[] =>
  [...text.matchAll(new RegExp(`https?://\\S+/${kind}-links/[\\w-]+\\.[\\w-]+\\.[\\w-]+`, 'g'))].map((m) => m[0]);
