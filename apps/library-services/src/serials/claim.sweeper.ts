import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import {
  SERIALS_SETTINGS,
  SerialsSettings,
  SerialSubscriptions,
  SubscriptionRepository,
} from '@appliance-care/library-services';
import { Correlation } from '@appliance-care/platform';

/**
 * Claims missing serial issues from their vendors. Everything it needs is in the store (each
 * subscription's next claim time, each issue's claims so far), and each decision is one write
 * conditional on the subscription's version: a restart loses nothing and repeats nothing, and two
 * sweepers (two replicas) racing for a subscription claim an issue once (the loser re-reads and
 * finds nothing due).
 */
@Injectable()
export class ClaimSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClaimSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly subscriptions: SerialSubscriptions,
    @Inject(SERIALS_SETTINGS) private readonly settings: SerialsSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'serial claim sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, this.settings.claimSweepMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One round at `now` (the settings' clock unless given); returns how many claims it sent. */
  async sweep(now = this.settings.clock()): Promise<number> {
    const ids = await this.repository.withClaimDue(now, this.settings.claimSweepBatch);
    let claims = 0;
    for (const id of ids) {
      try {
        // each subscription's claims are a job of their own: their events start a correlation of their own
        claims += (await Correlation.runJob(() => this.subscriptions.claimLate(id, now))).length;
      } catch (err) {
        // one broken subscription must not stop the others; the next round tries it again
        this.logger.warn({ err: (err as Error).message, subscriptionId: id }, 'subscription not swept');
      }
    }
    return claims;
  }
}
