import { NotificationDoc } from '@appliance-care/notifications';

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

/** A notification as the API shows it: no outbox, no claim, no HTML body. */
export function notificationView(n: NotificationDoc) {
  return {
    id: n._id,
    recipientId: n.recipientId,
    recipientKind: n.recipientKind,
    channel: n.channel,
    status: n.status,
    template: n.template,
    eventType: n.sourceEventType,
    sourceEventId: n.sourceEventId,
    applianceId: n.applianceId,
    subject: n.content.subject,
    text: n.content.text,
    locale: n.locale,
    attempts: n.attempts,
    createdAt: iso(n.createdAt),
    dueAt: n.status === 'pending' || n.status === 'delayed' ? iso(n.dueAt) : undefined,
    sentAt: iso(n.sentAt),
    failedAt: iso(n.failedAt),
    lastError: n.lastError,
    suppressedReason: n.suppressedReason,
  };
}

/** An entry of the in-app feed. */
export function feedEntryView(n: NotificationDoc) {
  return {
    id: n._id,
    eventType: n.sourceEventType,
    template: n.template,
    applianceId: n.applianceId,
    subject: n.content.subject,
    text: n.content.text,
    createdAt: iso(n.createdAt),
  };
}
