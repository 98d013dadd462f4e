import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { StockQueries } from '@appliance-care/parts';

/** Local runs (PARTS_SEED_FILE) start with stock; a row stored before is never overwritten. */
@Injectable()
export class StockSeeder implements OnApplicationBootstrap {
  constructor(private readonly queries: StockQueries) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queries.seed();
  }
}
