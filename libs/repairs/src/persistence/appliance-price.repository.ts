import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { APPLIANCE_PRICE_MODEL, AppliancePriceDocument } from './appliance-price.schema';

@Injectable()
export class AppliancePriceRepository {
  constructor(@InjectModel(APPLIANCE_PRICE_MODEL) private readonly model: Model<AppliancePriceDocument>) {}

  /** Keeps the price (an upsert by appliance id: a redelivery writes the same). */
  async record(applianceId: string, price: number, now: Date): Promise<void> {
    await this.model
      .updateOne({ _id: applianceId }, { $set: { price }, $setOnInsert: { registeredAt: now } }, { upsert: true })
      .exec();
  }

  async priceOf(applianceId: string): Promise<number | undefined> {
    const doc = await this.model.findById(applianceId).lean<AppliancePriceDocument>().exec();
    return doc?.price ?? undefined;
  }
}
