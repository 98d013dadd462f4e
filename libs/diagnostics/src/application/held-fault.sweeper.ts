import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { HeldFaultRepository } from '../persistence/held-fault.repository';
import { DIAGNOSTICS_SETTINGS, DiagnosticsSettings } from './diagnostics.settings';
import { HeldFaults } from './held-faults.service';

/** Held faults looked at per sweep, the longest-held first. */
const SWEEP_BATCH = 500;

/**
 * The poller behind the held faults. Everything it needs is in the store (the hold, its deadline),
 * so a restart loses nothing: the next sweep carries on. It releases faults whose appliance arrived
 * while they were being held (the registration's own release ran before the hold was written) and
 * gives up those whose hold is over, their dead letter stored with the give-up.
 */
@Injectable()
export class HeldFaultSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HeldFaultSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly holds: HeldFaultRepository,
    private readonly heldFaults: HeldFaults,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'held fault sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, this.settings.heldFaultSweepMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  async sweep(now = new Date()): Promise<void> {
    for (const held of await this.holds.held(SWEEP_BATCH)) await this.heldFaults.retry(held, now);
  }
}
