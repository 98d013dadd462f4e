import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { LibraryDigestJob } from '@appliance-care/notifications';

/** Runs the library supervisors' daily digest job with the application, and stops it first. */
@Injectable()
export class LibraryDigestLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly job: LibraryDigestJob) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }
}
