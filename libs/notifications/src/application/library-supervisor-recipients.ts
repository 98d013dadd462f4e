import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { supervisorRecipientId } from '../domain/library-digest';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { RecipientService } from './recipient.service';

/**
 * The branches' supervisors (librarians) as recipients of the daily digest: their contacts come from
 * configuration (LIBRARY_SUPERVISORS_FILE), stored at every start so that a changed address takes
 * effect and preferences can be kept for them.
 */
@Injectable()
export class LibrarySupervisorRecipients implements OnApplicationBootstrap {
  constructor(
    private readonly recipients: RecipientService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const at = new Date().toISOString();
    for (const [branch, supervisors] of Object.entries(this.config.libraryDigest.supervisors))
      for (const { name, email, locale } of supervisors)
        await this.recipients.contactsChanged(
          supervisorRecipientId(branch, email),
          { kind: 'library-supervisor', name, email, locale: locale ?? 'en-GB' },
          at,
        );
  }
}
