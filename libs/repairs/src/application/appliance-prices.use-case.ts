import { Injectable } from '@nestjs/common';

import { ApplianceRegistered } from '@appliance-care/contracts';

import { AppliancePriceRepository } from '../persistence/appliance-price.repository';

/** Keeps repairs' copy of what each appliance cost, when the purchase said. */
@Injectable()
export class RecordAppliancePrice {
  constructor(private readonly prices: AppliancePriceRepository) {}

  async execute(appliance: ApplianceRegistered, now = new Date()): Promise<'recorded' | 'no-price'> {
    if (appliance.price === undefined) return 'no-price';
    await this.prices.record(appliance.applianceId, appliance.price, now);
    return 'recorded';
  }
}
