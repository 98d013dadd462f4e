import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory, OutboxRelay } from '@appliance-care/messaging';
import { nextPlanSequence } from '../domain/delivery-order';
import { planDeliveries, SourceEvent } from '../domain/delivery-plan';
import { recipientWaitId } from '../domain/notification-id';
import { Recipient } from '../domain/recipient';
import { NotificationRepository } from '../persistence/notification.repository';
import { RecipientRepository } from '../persistence/recipient.repository';
import { RecipientWaitRepository } from '../persistence/recipient-wait.repository';
import { RecipientWaitDoc } from '../persistence/recipient-wait.schema';
import { matchRules, NotificationTarget } from '../rules/rule-matcher';
import { templateContext, TemplateRenderer } from '../templates/template.renderer';
import { FeedHub } from './feed.hub';
import { sentEvent } from './notification-events';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { WorkerSignal } from './worker-signal';

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
    private readonly relay: OutboxRelay,
    private readonly hub: FeedHub,
    private readonly worker: WorkerSignal,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async onEvent(event: EventEnvelope, now = new Date()): Promise<void> {
    const targets = matchRules(event.type, event.data);
    if (!targets.length) return;
    const data = event.data as Record<string, unknown>;
    const source: SourceEvent = {
      id: event.id,
      type: event.type,
      correlationId: event.correlationid,
      applianceId: typeof data['applianceId'] === 'string' ? (data['applianceId'] as string) : undefined,
    };
    const known = await this.recipients.findMany(targets.map((t) => t.recipientId));
    // the order of planning is the order of delivery within a recipient's lifecycle thread
    const seq = nextPlanSequence(now.getTime());
    for (const target of targets) {
      const recipient = known.get(target.recipientId);
      if (recipient?.contacts?.kind === target.recipientKind) await this.plan(source, target, recipient, data, now, seq);
      else await this.waits.park(this.waitFor(source, target, data, now, seq));
    }
  }

  /** Plans an event that waited for its recipient. */
  async planWaiting(wait: RecipientWaitDoc, recipient: Recipient, now = new Date()): Promise<void> {
    const source: SourceEvent = { id: wait.sourceEventId, type: wait.sourceEventType, correlationId: wait.correlationId, applianceId: wait.applianceId };
    const target: NotificationTarget = { recipientKind: wait.recipientKind, recipientId: wait.recipientId, template: wait.template as NotificationTarget['template'], urgency: wait.urgency };
    // in its place among the thread's notifications: when its event arrived, not when the recipient did
    await this.plan(source, target, recipient, wait.data, now, wait.seq ?? nextPlanSequence(new Date(wait.createdAt).getTime()));
    await this.waits.markPlanned(wait._id);
  }

  private async plan(source: SourceEvent, target: NotificationTarget, recipient: Recipient, data: Record<string, unknown>, now: Date, seq: number): Promise<void> {
    const contacts = recipient.contacts;
    if (!contacts) return;
    const rendered = this.renderer.render(target.template, templateContext(data, contacts.name), {
      locale: contacts.locale,
      timeZone: recipient.preferences.quietHours?.timezone ?? this.config.defaultTimeZone,
    });
    const drafts = planDeliveries({
      source, recipient, template: target.template, urgency: target.urgency, rendered, now, smsAvailable: !!this.config.smsApiUrl, seq,
    });
    await this.notifications.insertNew(
      drafts.map((draft) => ({ draft, events: draft.status === 'sent' ? [sentEvent(this.factory, draft, now)] : [] })),
    );
    if (drafts.some((d) => d.status === 'sent')) {
      this.relay.notify();
      this.hub.publish(recipient.id);
    }
    if (drafts.some((d) => d.status === 'pending')) this.worker.wake();
  }

  private waitFor(source: SourceEvent, target: NotificationTarget, data: Record<string, unknown>, now: Date, seq: number): RecipientWaitDoc {
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
