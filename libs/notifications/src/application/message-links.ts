import { Inject, Injectable } from '@nestjs/common';

import { LinkSigner } from '@appliance-care/auth';
import { EventEnvelope } from '@appliance-care/contracts';
import type { NotificationTarget } from '@appliance-care/notification-rules';

import { linkRequestFor, MessageLinkField } from '../domain/message-links.policy';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';

/** The template variables of one message's link: none, or appointmentLink / feedbackLink. */
export type MessageLinkValues = Partial<Record<MessageLinkField, string>>;

type SourceRef = { id: string; type: string };

export const messageLinkKey = (sourceEventId: string, recipientId: string) => `${sourceEventId}|${recipientId}`;

/**
 * Signs the links of customers' messages (domain/message-links.policy.ts says which) at planning
 * time. The link is rendered into the notification's stored content, so every retry of a channel
 * sends the link that was planned, and the message's channels (mail, SMS, in-app) carry the same one.
 * Links are never logged; readers other than the recipient see them redacted (notifications API).
 */
@Injectable()
export class MessageLinks {
  private readonly signer: LinkSigner;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.signer = new LinkSigner(config.links.secret);
  }

  /** The link of the message about `source` to `target` ({} when it carries none). */
  async forMessage(
    source: SourceRef,
    target: Pick<NotificationTarget, 'recipientKind' | 'recipientId'>,
    data: Record<string, unknown>,
    now: Date,
  ): Promise<MessageLinkValues> {
    const request = linkRequestFor(source, { kind: target.recipientKind, id: target.recipientId }, data, {
      now,
      feedbackDays: this.config.links.feedbackDays,
    });
    if (!request) return {};
    const { purpose, subject, customerId, ref, expiresAt, linkId } = request;
    const token = await this.signer.sign({ purpose, subject, customerId, ref, expiresAt, linkId });
    const base = purpose === 'appointment' ? this.config.links.appointmentUrl : this.config.links.feedbackUrl;
    return { [request.field]: `${base.replace(/\/+$/, '')}/${token}` };
  }

  /** forMessage for every target of a round of events, by messageLinkKey (only messages with a link). */
  async forRound(
    round: readonly { event: EventEnvelope; targets: readonly NotificationTarget[] }[],
    now: Date,
  ): Promise<Map<string, MessageLinkValues>> {
    const links = new Map<string, MessageLinkValues>();
    for (const { event, targets } of round) {
      for (const target of targets) {
        const values = await this.forMessage(event, target, (event.data ?? {}) as Record<string, unknown>, now);
        if (Object.keys(values).length) links.set(messageLinkKey(event.id, target.recipientId), values);
      }
    }
    return links;
  }
}
