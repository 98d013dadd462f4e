import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { Correlation } from '@appliance-care/platform';

import { MaintenanceRepository } from '../persistence/maintenance.repository';
import { MaintenanceSchedules } from './maintenance.service';
import { MAINTENANCE_SETTINGS, MaintenanceSettings } from './maintenance.settings';

/**
 * Requests due maintenance visits and flags overdue cycles. Everything it needs is in the store
 * (each schedule's next check time, what this cycle already published), and each decision is one
 * write conditional on the schedule's version: a restart loses nothing and repeats nothing, and
 * two sweepers (two replicas) racing for a schedule publish its event once (the loser re-reads and
 * finds it done).
 */
@Injectable()
export class MaintenanceSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MaintenanceSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly repository: MaintenanceRepository,
    private readonly schedules: MaintenanceSchedules,
    @Inject(MAINTENANCE_SETTINGS) private readonly settings: MaintenanceSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'maintenance sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, this.settings.sweepMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One round; returns how many schedules it looked at. */
  async sweep(now = new Date()): Promise<number> {
    const ids = await this.repository.withCheckDue(now, this.settings.sweepBatch);
    for (const id of ids) {
      try {
        // each schedule's decision is a job of its own: its events start a correlation of their own
        await Correlation.runJob(() => this.schedules.sweep(id, now));
      } catch (err) {
        // one broken schedule must not stop the others; the next round tries it again
        this.logger.warn({ err: (err as Error).message, applianceId: id }, 'maintenance schedule not swept');
      }
    }
    return ids.length;
  }
}
