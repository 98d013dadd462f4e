import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { ReminderSweeper } from '@appliance-care/notifications';

/** Runs the reminder sweeper with the application, and stops it first. */
@Injectable()
export class ReminderLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly sweeper: ReminderSweeper) {}

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
  }
}
