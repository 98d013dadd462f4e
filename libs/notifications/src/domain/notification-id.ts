import { createHash } from 'node:crypto';

/**
 * The once-key: one notification per (source event, recipient, channel). Used as the document _id,
 * so a redelivered event finds the document already there and sends nothing new.
 */
export function notificationId(sourceEventId: string, recipientId: string, channel: string): string {
  return `ntf-${createHash('sha256').update(`${sourceEventId}|${recipientId}|${channel}`).digest('hex').slice(0, 40)}`;
}

/** Key of an event's wait for a recipient not known yet. */
export function recipientWaitId(sourceEventId: string, recipientId: string): string {
  return `wait-${createHash('sha256').update(`${sourceEventId}|${recipientId}`).digest('hex').slice(0, 40)}`;
}
