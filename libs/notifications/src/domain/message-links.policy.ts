import { createHash } from 'node:crypto';

import type { RecipientKind } from './recipient';

/** The template variable a message's link is given as. */
export type MessageLinkField = 'appointmentLink' | 'feedbackLink';

/**
 * A link a customer's message is to carry: what LinkSigner (libs/auth link-token.ts) signs. The
 * claim layout is what the verifiers expect: dispatch (appointment) and portal (feedback).
 */
export interface LinkRequest {
  field: MessageLinkField;
  purpose: 'appointment' | 'feedback';
  /** the work order (appointment); the installation, ticket or case (feedback) */
  subject: string;
  customerId: string;
  /** the appointment's window start as the event said it (stale once moved); the job's kind (feedback) */
  ref: string;
  expiresAt: Date;
  /** derived from (event, recipient, purpose): planning the message again signs the same link id */
  linkId: string;
  /** why the message carries it */
  why: string;
}

export interface LinkContext {
  /** planning time: a survey link runs from here */
  now: Date;
  feedbackDays: number;
}

type Data = Record<string, unknown>;
type Claims = Omit<LinkRequest, 'linkId'>;
type LinkRule = (data: Data, ctx: LinkContext) => Claims | undefined;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const DAY_MS = 24 * 60 * 60_000;

/** A booking: move or cancel it until it starts; `ref` is the window start exactly as the event wrote it. */
const appointment: LinkRule = (data) => {
  const subject = text(data['workOrderId']);
  const customerId = text(data['customerId']);
  const from = text((data['window'] as Data | undefined)?.['from']);
  if (!subject || !customerId || !from) return undefined;
  return {
    field: 'appointmentLink',
    purpose: 'appointment',
    subject,
    customerId,
    ref: from,
    expiresAt: new Date(from),
    why: 'a booking message lets the customer move or cancel the appointment',
  };
};

/** A finished job: a survey about it, open for FEEDBACK_LINK_DAYS. */
const feedback =
  (idField: string, kind: 'installation' | 'repair' | 'diagnostic-visit'): LinkRule =>
  (data, ctx) => {
    const subject = text(data[idField]);
    const customerId = text(data['customerId']);
    if (!subject || !customerId) return undefined;
    return {
      field: 'feedbackLink',
      purpose: 'feedback',
      subject,
      customerId,
      ref: kind,
      expiresAt: new Date(ctx.now.getTime() + ctx.feedbackDays * DAY_MS),
      why: `a completion message asks how the ${kind} went`,
    };
  };

const onlyIf =
  (holds: (data: Data) => boolean, rule: LinkRule): LinkRule =>
  (data, ctx) =>
    holds(data) ? rule(data, ctx) : undefined;

/** Which customer message carries which link, by the event it tells of. */
const MESSAGE_LINKS: Partial<Record<string, LinkRule>> = {
  'installation.scheduled.v1': appointment,
  // an installation's booking reaches the customer as installation.scheduled.v1 (sales-installation)
  'work-order.assigned.v1': onlyIf(
    (d) => d['kind'] === 'diagnostic-visit' || d['kind'] === 'repair' || d['kind'] === 'maintenance',
    appointment,
  ),
  'installation.completed.v1': feedback('installationId', 'installation'),
  'repair.completed.v1': feedback('ticketId', 'repair'),
  // a technician came and the case ends there; a repair-required diagnosis goes on to the repair's own survey
  'diagnosis.completed.v1': onlyIf(
    (d) => !!text(d['technicianId']) && (d['outcome'] === 'resolved' || d['outcome'] === 'no-fault-found'),
    feedback('caseId', 'diagnostic-visit'),
  ),
};

export const linkIdOf = (sourceEventId: string, recipientId: string, purpose: string): string =>
  `lnk-${createHash('sha256').update(`${sourceEventId}|${recipientId}|${purpose}`).digest('hex').slice(0, 32)}`;

/**
 * The link the message of `eventType` to this recipient carries, or undefined. Only a customer's own
 * message: a link acts for the customer it names, so it never goes to a technician or anyone else.
 */
export function linkRequestFor(
  source: { id: string; type: string },
  recipient: { kind: RecipientKind | string; id: string },
  data: Data,
  ctx: LinkContext,
): LinkRequest | undefined {
  if (recipient.kind !== 'customer') return undefined;
  const claims = MESSAGE_LINKS[source.type]?.(data, ctx);
  if (!claims || claims.customerId !== recipient.id) return undefined;
  return { ...claims, linkId: linkIdOf(source.id, recipient.id, claims.purpose) };
}

/**
 * A signed link's token (a JWT: base64url `{"…` header, payload, signature), wherever the configured
 * link URL puts it: hidden from readers other than the recipient.
 */
const LINK_TOKEN = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

export const redactMessageLinks = (content: string): string => content.replace(LINK_TOKEN, '[redacted]');
