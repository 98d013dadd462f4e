import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { teamRecipients } from '../domain/team-routing.policy';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { RecipientService } from './recipient.service';

/**
 * The teams the rules name (the dispatch team and one recipient per configured region) as
 * recipients: their contacts come from configuration, stored at every start so that a changed address
 * takes effect, and their feeds are the in-app feed of `GET /recipients/{id}/feed` (staff only).
 * An alert planned before this ran waits for its recipient as any other and is planned here.
 */
@Injectable()
export class TeamRecipients implements OnApplicationBootstrap {
  constructor(
    private readonly recipients: RecipientService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const at = new Date().toISOString();
    for (const { id, contacts } of teamRecipients(this.config.teams))
      await this.recipients.contactsChanged(id, contacts, at);
  }
}
