import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { outboxFields, OutboxFields } from '@appliance-care/messaging';
import { isDuplicateKey } from '@appliance-care/platform';

import { ORDER_MODEL, OrderDocument } from './order.schema';

/** An order as the application sees it: without the relay's outbox. */
export type StoredOrder = Omit<OrderDocument, keyof OutboxFields>;

@Injectable()
export class OrderRepository {
  constructor(@InjectModel(ORDER_MODEL) private readonly model: Model<OrderDocument>) {}

  async find(orderId: string): Promise<StoredOrder | undefined> {
    return (await this.model.findById(orderId, { outbox: 0 }).lean<StoredOrder>().exec()) ?? undefined;
  }

  async exists(orderId: string): Promise<boolean> {
    return (await this.model.exists({ _id: orderId })) !== null;
  }

  /** Inserts the order with its events (the purchase's commit point); false when the order id was recorded already. */
  async insert(order: StoredOrder, events: readonly EventEnvelope[]): Promise<boolean> {
    try {
      await this.model.create({ ...order, ...outboxFields(events) });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  }
}
