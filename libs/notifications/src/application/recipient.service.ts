import { Injectable, Logger } from '@nestjs/common';

import { ValidationFailedError } from '@appliance-care/platform';

import { WebhookTargetRefused, WebhookTargets, WebhookTargetUnresolved } from '../channels/webhook-targets';
import { PreferencesUpdate } from '../domain/preferences.schema';
import { Contacts, Recipient } from '../domain/recipient';
import { RecipientWaitRepository } from '../persistence/recipient-wait.repository';
import { RecipientRepository } from '../persistence/recipient.repository';
import { NotificationPlanner } from './notification-planner';

/** What the API shows of a recipient: never the webhook secret. */
export interface RecipientView {
  id: string;
  kind?: string;
  name?: string;
  locale?: string;
  preferences: {
    channels: Recipient['preferences']['channels'];
    quietHours: Recipient['preferences']['quietHours'] | null;
    webhook: { url: string; secretSet: true } | null;
  };
}

function recipientView(recipient: Recipient): RecipientView {
  return {
    id: recipient.id,
    kind: recipient.contacts?.kind,
    name: recipient.contacts?.name,
    locale: recipient.contacts?.locale,
    preferences: {
      channels: recipient.preferences.channels,
      quietHours: recipient.preferences.quietHours ?? null,
      webhook: recipient.preferences.webhook ? { url: recipient.preferences.webhook.url, secretSet: true } : null,
    },
  };
}

@Injectable()
export class RecipientService {
  private readonly logger = new Logger(RecipientService.name);

  constructor(
    private readonly recipients: RecipientRepository,
    private readonly waits: RecipientWaitRepository,
    private readonly planner: NotificationPlanner,
    private readonly webhookTargets: WebhookTargets,
  ) {}

  /** Contacts from customer.registered.v1 / technician.*.v1; then whatever waited for this person is planned. */
  async contactsChanged(id: string, contacts: Contacts, at: string): Promise<void> {
    await this.recipients.saveContacts(id, contacts, at);
    await this.releaseWaiting(id);
  }

  private async releaseWaiting(id: string): Promise<void> {
    const waiting = await this.waits.waitingFor(id);
    if (!waiting.length) return;
    const recipient = await this.recipients.find(id);
    if (!recipient?.contacts) return;
    for (const wait of waiting) {
      if (wait.recipientKind !== recipient.contacts.kind) continue;
      await this.planner.planWaiting(wait, recipient);
    }
    this.logger.log(
      { recipientId: id, planned: waiting.length },
      'planned notifications that waited for their recipient',
    );
  }

  async updatePreferences(id: string, update: PreferencesUpdate): Promise<RecipientView> {
    if (update.webhook) await this.checkWebhookUrl(update.webhook.url);
    if (update.webhook && !update.webhook.secret && !(await this.recipients.hasWebhookSecret(id))) {
      throw new ValidationFailedError('invalid request body: webhook.secret: required when no secret is stored yet', [
        { field: 'webhook.secret', message: 'required when no secret is stored yet' },
      ]);
    }
    return recipientView(await this.recipients.savePreferences(id, update));
  }

  /** SSRF: a URL to an internal address is refused now (and checked again at every delivery). */
  private async checkWebhookUrl(url: string): Promise<void> {
    try {
      await this.webhookTargets.check(url);
    } catch (err) {
      if (!(err instanceof WebhookTargetRefused || err instanceof WebhookTargetUnresolved)) throw err;
      throw new ValidationFailedError(`invalid request body: webhook.url: ${err.reason}`, [
        { field: 'webhook.url', message: err.reason },
      ]);
    }
  }

  async view(id: string): Promise<RecipientView | undefined> {
    const recipient = await this.recipients.find(id);
    return recipient ? recipientView(recipient) : undefined;
  }
}
