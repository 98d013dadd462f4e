import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { RosterService } from '@appliance-care/dispatch';

/** Local runs (DISPATCH_SEED_FILE) start with a roster; a roster that has anyone in it is never touched. */
@Injectable()
export class RosterSeeder implements OnApplicationBootstrap {
  constructor(private readonly roster: RosterService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.roster.seedIfEmpty();
  }
}
