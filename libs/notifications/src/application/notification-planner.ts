import { Inject, Injectable } from '@nestjs/common';

import { EventEnvelope, NotificationChannel } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';
import { matchRules, NotificationTarget } from '@appliance-care/notification-rules';
import { Correlation } from '@appliance-care/platform';

import { nextPlanSequence } from '../domain/delivery-order';
import { NotificationDraft, planDeliveries, SourceEvent } from '../domain/delivery-plan';
import { recipientWaitId } from '../domain/notification-id';
import { Recipient } from '../domain/recipient';
import { routedTarget } from '../domain/team-routing.policy';
import { NotificationRepository } from '../persistence/notification.repository';
import { RecipientWaitRepository } from '../persistence/recipient-wait.repository';
import { RecipientWaitDoc } from '../persistence/recipient-wait.schema';
import { RecipientRepository } from '../persistence/recipient.repository';
import { templateContext, TemplateRenderer } from '../templates/template.renderer';
import { FeedHub } from './feed.hub';
import { messageLinkKey, MessageLinks, MessageLinkValues } from './message-links';
import { sentEvent } from './notification-events';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { WorkerSignal } from './worker-signal';

type PlannedNotification = { draft: NotificationDraft; events: EventEnvelope[] };

/**
 * Turns a lifecycle event into notification documents (one per recipient and channel), recorded
 * before anything is sent. A recipient not known yet is waited for (see RecipientWaitSweeper).
 */
@Injectable()
export class NotificationPlanner {
  private readonly renderer = new TemplateRenderer();

  constructor(
    private readonly recipients: RecipientRepository,
    private readonly notifications: NotificationRepository,
    private readonly waits: RecipientWaitRepository,
    private readonly factory: EventFactory,
    private readonly hub: FeedHub,
    private readonly worker: WorkerSignal,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly links: MessageLinks,
  ) {}

  /**
   * Plans a round of events (of distinct keys, from the batch consumer): one recipient lookup, one
   * insert of every notification and one of every wait, whatever the number of events.
   */
  async onEvents(events: readonly EventEnvelope[], now = new Date()): Promise<void> {
    const matched = events
      // a team's target goes to the route its event names (the region's team) when one is configured
      .map((event) => ({
        event,
        targets: matchRules(event.type, event.data).map((t) => routedTarget(t, this.config.teams)),
      }))
      .filter((w) => w.targets.length > 0);
    if (!matched.length) return;
    const known = await this.recipients.findMany(matched.flatMap((w) => w.targets.map((t) => t.recipientId)));
    // signed before the drafts (signing is asynchronous); stored in the drafts' content, so a retry sends the same link
    const links = await this.links.forRound(matched, now);
    const planned: PlannedNotification[] = [];
    const waits: RecipientWaitDoc[] = [];
    for (const { event, targets } of matched) {
      // each event's notifications have that event as their cause
      Correlation.run({ correlationId: event.correlationid, causationId: event.id }, () => {
        const data = event.data as Record<string, unknown>;
        const source: SourceEvent = {
          id: event.id,
          type: event.type,
          correlationId: event.correlationid,
          applianceId: typeof data['applianceId'] === 'string' ? (data['applianceId'] as string) : undefined,
        };
        // the order of planning is the order of delivery within a recipient's lifecycle thread
        const seq = nextPlanSequence(now.getTime());
        for (const target of targets) {
          const recipient = known.get(target.recipientId);
          if (recipient?.contacts?.kind === target.recipientKind) {
            const link = links.get(messageLinkKey(event.id, target.recipientId));
            planned.push(...this.draftsFor(source, target, recipient, data, now, seq, link));
          } else waits.push(this.waitFor(source, target, data, now, seq));
        }
      });
    }
    await this.store(planned);
    await this.waits.parkMany(waits);
  }

  /** Plans an event that waited for its recipient. */
  async planWaiting(wait: RecipientWaitDoc, recipient: Recipient, now = new Date()): Promise<void> {
    const source: SourceEvent = {
      id: wait.sourceEventId,
      type: wait.sourceEventType,
      correlationId: wait.correlationId,
      applianceId: wait.applianceId,
    };
    const target: NotificationTarget = {
      recipientKind: wait.recipientKind,
      recipientId: wait.recipientId,
      template: wait.template as NotificationTarget['template'],
      urgency: wait.urgency,
    };
    // in its place among the thread's notifications: when its event arrived, not when the recipient did
    const seq = wait.seq ?? nextPlanSequence(new Date(wait.createdAt).getTime());
    const links = await this.links.forMessage(source, target, wait.data, now);
    await this.store(this.draftsFor(source, target, recipient, wait.data, now, seq, links));
    await this.waits.markPlanned(wait._id);
  }

  /**
   * Plans one recipient's message about something that is not a consumed event — a due reminder — on
   * the given channels only, with the same drafts, links and once-keys as an event's. Returns the ids
   * of the notifications planned (none when the recipient cannot be reached on those channels).
   */
  async planFor(
    source: SourceEvent,
    target: NotificationTarget,
    recipient: Recipient,
    data: Record<string, unknown>,
    channels: readonly NotificationChannel[],
    now = new Date(),
  ): Promise<string[]> {
    const links = await this.links.forMessage(source, target, data, now);
    const planned = this.draftsFor(source, target, recipient, data, now, nextPlanSequence(now.getTime()), links);
    const wanted = planned.filter((p) => channels.includes(p.draft.channel));
    await this.store(wanted);
    return wanted.map((p) => p.draft._id);
  }

  /** The recipient's notifications for one event, with notification.sent.v1 for those already delivered (in-app). */
  private draftsFor(
    source: SourceEvent,
    target: NotificationTarget,
    recipient: Recipient,
    data: Record<string, unknown>,
    now: Date,
    seq: number,
    links: MessageLinkValues = {},
  ): PlannedNotification[] {
    const contacts = recipient.contacts;
    if (!contacts) return [];
    const rendered = this.renderer.render(target.template, templateContext({ ...data, ...links }, contacts.name), {
      locale: contacts.locale,
      timeZone: recipient.preferences.quietHours?.timezone ?? this.config.defaultTimeZone,
    });
    const drafts = planDeliveries({
      source,
      recipient,
      template: target.template,
      urgency: target.urgency,
      rendered,
      now,
      smsAvailable: !!this.config.smsApiUrl,
      seq,
    });
    return drafts.map((draft) => ({
      draft,
      events: draft.status === 'sent' ? [sentEvent(this.factory, draft, now)] : [],
    }));
  }

  private async store(planned: PlannedNotification[]): Promise<void> {
    if (!planned.length) return;
    await this.notifications.insertNew(planned);
    const sent = planned.filter((p) => p.draft.status === 'sent');
    // in-app notifications are born sent: their feeds' streams are woken (their events wake the relay)
    for (const recipientId of new Set(sent.map((p) => p.draft.recipientId))) this.hub.publish(recipientId);
    if (planned.some((p) => p.draft.status === 'pending')) this.worker.wake();
  }

  private waitFor(
    source: SourceEvent,
    target: NotificationTarget,
    data: Record<string, unknown>,
    now: Date,
    seq: number,
  ): RecipientWaitDoc {
    return {
      _id: recipientWaitId(source.id, target.recipientId),
      sourceEventId: source.id,
      sourceEventType: source.type,
      correlationId: source.correlationId,
      ...(source.applianceId ? { applianceId: source.applianceId } : {}),
      recipientId: target.recipientId,
      recipientKind: target.recipientKind,
      template: target.template,
      urgency: target.urgency,
      data,
      status: 'waiting',
      seq,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.recipientWaitMs),
      outbox: [],
      outboxPending: false,
    };
  }
}
