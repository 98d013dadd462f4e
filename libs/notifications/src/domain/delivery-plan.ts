import { NotificationChannel } from '@appliance-care/contracts';

import { openThreadOf, ORDERED_CHANNELS } from './delivery-order';
import { notificationId } from './notification-id';
import { deliveryTime, Urgency } from './quiet-hours.policy';
import { CHANNELS, destinationOf, reachableChannels, Recipient, RecipientKind } from './recipient';

export type NotificationStatus = 'pending' | 'delayed' | 'sent' | 'failed' | 'suppressed';

export interface NotificationContent {
  subject: string;
  text: string;
  html?: string;
  sms?: string;
}

/** The event a notification comes from. */
export interface SourceEvent {
  id: string;
  type: string;
  correlationId: string;
  applianceId?: string;
}

export interface NotificationDraft {
  _id: string;
  sourceEventId: string;
  sourceEventType: string;
  correlationId: string;
  applianceId?: string;
  recipientId: string;
  recipientKind: RecipientKind;
  channel: NotificationChannel;
  template: string;
  urgency: Urgency;
  locale: string;
  destination: string;
  content: NotificationContent;
  status: NotificationStatus;
  dueAt: Date;
  attempts: number;
  createdAt: Date;
  sentAt?: Date;
  suppressedReason?: string;
  /** planning order of its event (delivery-order.ts); notifications of one lane go out in this order */
  seq?: number;
  /** recipient|correlation while pending or delayed, unset once sent or failed (delivery-order.ts) */
  openThread?: string;
}

export interface PlanInput {
  source: SourceEvent;
  recipient: Recipient;
  template: string;
  urgency: Urgency;
  rendered: { language: string; subject: string; text: string; html: string; sms: string };
  now: Date;
  smsAvailable: boolean;
  /** planning order of the event (nextPlanSequence) */
  seq?: number;
}

function contentFor(channel: NotificationChannel, rendered: PlanInput['rendered']): NotificationContent {
  const { subject, text, html, sms } = rendered;
  if (channel === 'email') return { subject, text, html };
  if (channel === 'sms') return { subject, text: sms, sms };
  return { subject, text };
}

/**
 * One notification per reachable channel. A channel switched off is recorded as suppressed; in-app
 * needs no sending (the document is the feed entry) so it is born sent; a non-urgent SMS in quiet
 * hours waits, delayed, until they end.
 */
export function planDeliveries(input: PlanInput): NotificationDraft[] {
  const { recipient, source, now } = input;
  const reachable = new Set(reachableChannels(recipient, input.smsAvailable));
  return CHANNELS.filter((channel) => reachable.has(channel)).map((channel) => {
    const common = commonFields(input, channel);
    if (!recipient.preferences.channels[channel]) {
      return {
        ...common,
        status: 'suppressed',
        dueAt: now,
        suppressedReason: `${channel} switched off by the recipient`,
      };
    }
    if (channel === 'in-app') return { ...common, status: 'sent', dueAt: now, sentAt: now };
    const { dueAt, delayed } = deliveryTime(now, channel, input.urgency, recipient.preferences.quietHours);
    const ordered = input.seq !== undefined && ORDERED_CHANNELS.includes(channel);
    return {
      ...common,
      status: delayed ? 'delayed' : 'pending',
      dueAt,
      ...(ordered ? { openThread: openThreadOf(recipient.id, source.correlationId) } : {}),
    };
  });
}

/** What a notification on `channel` is whatever becomes of it: its once-key, source, recipient and content. */
function commonFields(input: PlanInput, channel: NotificationChannel): Omit<NotificationDraft, 'status' | 'dueAt'> {
  const { recipient, source, now } = input;
  return {
    _id: notificationId(source.id, recipient.id, channel),
    sourceEventId: source.id,
    sourceEventType: source.type,
    correlationId: source.correlationId,
    ...(source.applianceId ? { applianceId: source.applianceId } : {}),
    recipientId: recipient.id,
    recipientKind: recipient.contacts?.kind ?? 'customer',
    channel,
    template: input.template,
    urgency: input.urgency,
    locale: input.rendered.language,
    destination: destinationOf(recipient, channel),
    content: contentFor(channel, input.rendered),
    attempts: 0,
    createdAt: now,
    ...(input.seq !== undefined ? { seq: input.seq } : {}),
  };
}
