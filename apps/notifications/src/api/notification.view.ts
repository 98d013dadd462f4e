import { z } from 'zod';

import { notificationChannelSchema } from '@appliance-care/contracts';
import {
  NotificationDoc,
  NotificationStatus,
  RecipientKind,
  RecipientView,
  redactMessageLinks,
} from '@appliance-care/notifications';

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

/** A signed link acts for its recipient: only they see it; staff reading their messages see it redacted. */
const shown = (text: string, reveal: boolean) => (reveal ? text : redactMessageLinks(text));
const TEXT_DESCRIPTION =
  'the message; its signed links (appointment, feedback) only for the recipient, redacted for staff';

export const NOTIFICATION_STATUSES = [
  'pending',
  'delayed',
  'sent',
  'failed',
  'suppressed',
] as const satisfies readonly NotificationStatus[];
const RECIPIENT_KINDS = [
  'customer',
  'technician',
  'dispatch-team',
  'patron',
  'library-supervisor',
] as const satisfies readonly RecipientKind[];

/** A notification as the API shows it: no outbox, no claim, no HTML body. */
const notificationViewSchema = z.object({
  id: z.string().describe('the once-key: one per (source event, recipient, channel)'),
  recipientId: z.string(),
  recipientKind: z.enum(RECIPIENT_KINDS),
  channel: notificationChannelSchema,
  status: z.enum(NOTIFICATION_STATUSES),
  template: z.string(),
  eventType: z.string().describe('the type of the event that caused it'),
  sourceEventId: z.string(),
  applianceId: z.string().optional(),
  subject: z.string().optional(),
  text: z.string().describe(TEXT_DESCRIPTION),
  locale: z.string(),
  attempts: z.number().int(),
  createdAt: z.string().optional(),
  dueAt: z.string().optional().describe('pending or delayed: when it is due'),
  sentAt: z.string().optional(),
  failedAt: z.string().optional(),
  lastError: z.string().optional(),
  suppressedReason: z.string().optional(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;
export const notificationListSchema = z.object({ items: z.array(notificationViewSchema) });

export function notificationView(notification: NotificationDoc, reveal = false): NotificationView {
  return {
    id: notification._id,
    recipientId: notification.recipientId,
    recipientKind: notification.recipientKind,
    channel: notification.channel,
    status: notification.status,
    template: notification.template,
    eventType: notification.sourceEventType,
    sourceEventId: notification.sourceEventId,
    applianceId: notification.applianceId,
    subject: notification.content.subject,
    text: shown(notification.content.text, reveal),
    locale: notification.locale,
    attempts: notification.attempts,
    createdAt: iso(notification.createdAt),
    dueAt: notification.status === 'pending' || notification.status === 'delayed' ? iso(notification.dueAt) : undefined,
    sentAt: iso(notification.sentAt),
    failedAt: iso(notification.failedAt),
    lastError: notification.lastError,
    suppressedReason: notification.suppressedReason,
  };
}

/** An entry of the in-app feed. */
const feedEntrySchema = z.object({
  id: z.string(),
  eventType: z.string(),
  template: z.string(),
  applianceId: z.string().optional(),
  subject: z.string().optional(),
  text: z.string().describe(TEXT_DESCRIPTION),
  createdAt: z.string().optional(),
});
export type FeedEntry = z.infer<typeof feedEntrySchema>;
export const feedSchema = z.object({ items: z.array(feedEntrySchema) });

export function feedEntryView(notification: NotificationDoc, reveal = false): FeedEntry {
  return {
    id: notification._id,
    eventType: notification.sourceEventType,
    template: notification.template,
    applianceId: notification.applianceId,
    subject: notification.content.subject,
    text: shown(notification.content.text, reveal),
    createdAt: iso(notification.createdAt),
  };
}

/** What the API shows of a recipient (RecipientService's view): never the webhook secret. */
export const recipientViewSchema = z.object({
  id: z.string(),
  kind: z.string().optional(),
  name: z.string().optional(),
  locale: z.string().optional(),
  preferences: z.object({
    channels: z.record(notificationChannelSchema, z.boolean()),
    quietHours: z.object({ from: z.string(), to: z.string(), timezone: z.string() }).nullable(),
    webhook: z.object({ url: z.string(), secretSet: z.literal(true) }).nullable(),
  }),
});
// the schema describes RecipientService's view: this fails to compile when a member of either drifts
type SchemaView = z.infer<typeof recipientViewSchema>;
const _schemaIsAView: RecipientView = {} as SchemaView;
const _sameMembers: Record<keyof RecipientView, true> & Record<keyof SchemaView, true> = {
  id: true,
  kind: true,
  name: true,
  locale: true,
  preferences: true,
};
const _samePreferences: Record<keyof RecipientView['preferences'], true> &
  Record<keyof SchemaView['preferences'], true> = { channels: true, quietHours: true, webhook: true };
void [_schemaIsAView, _sameMembers, _samePreferences];
