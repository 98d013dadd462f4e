import { Inject, Injectable, Logger } from '@nestjs/common';

import { deterministicUuid, EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { RecipientWaitRepository } from '../persistence/recipient-wait.repository';
import { RecipientWaitDoc } from '../persistence/recipient-wait.schema';
import { RecipientRepository } from '../persistence/recipient.repository';
import { NotificationPlanner } from './notification-planner';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';

/**
 * The safety net of the recipient wait. The recipient handler plans what waits for the person it
 * just stored, but an event may park its wait while that handler runs (they come from different
 * topics, in parallel); this sweep plans such waits once the recipient is known, and gives up those
 * whose wait ran out (recorded, with notification.undeliverable.v1).
 */
@Injectable()
export class RecipientWaitSweeper {
  private readonly logger = new Logger(RecipientWaitSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly waits: RecipientWaitRepository,
    private readonly recipients: RecipientRepository,
    private readonly planner: NotificationPlanner,
    private readonly factory: EventFactory,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'recipient wait sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, this.config.recipientSweepMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  async sweep(now = new Date()): Promise<void> {
    const waiting = await this.waits.waiting(500);
    if (!waiting.length) return;
    const known = await this.recipients.findMany(waiting.map((w) => w.recipientId));
    for (const wait of waiting) {
      const recipient = known.get(wait.recipientId);
      if (recipient?.contacts?.kind === wait.recipientKind) await this.planner.planWaiting(wait, recipient, now);
      else if (new Date(wait.expiresAt) <= now) await this.giveUp(wait, now);
    }
  }

  private giveUp(wait: RecipientWaitDoc, now: Date): Promise<boolean> {
    const event = Correlation.run({ correlationId: wait.correlationId, causationId: wait.sourceEventId }, () =>
      this.factory.create(
        'notification.undeliverable.v1',
        {
          recipientId: wait.recipientId,
          recipientKind: wait.recipientKind,
          template: wait.template,
          sourceEventId: wait.sourceEventId,
          sourceEventType: wait.sourceEventType,
          ...(wait.applianceId ? { applianceId: wait.applianceId } : {}),
          reason: `no ${wait.recipientKind} ${wait.recipientId} became known within ${Math.round(this.config.recipientWaitMs / 1000)} s`,
          at: now.toISOString(),
        },
        { subject: wait.applianceId ?? wait.recipientId, id: deterministicUuid(`${wait._id}|undeliverable`) },
      ),
    );
    this.logger.warn(
      { recipientId: wait.recipientId, sourceEventType: wait.sourceEventType },
      'recipient never became known; notification given up',
    );
    return this.waits.markExpired(wait._id, [event]);
  }
}
