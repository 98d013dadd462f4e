import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { fieldKey, stockRowId } from '../domain/stock-location';
import { STOCK_MODEL, StockDocument } from './stock.schema';

export interface StockLevel {
  location: string;
  sku: string;
  available: number;
  reserved: number;
}

const levelOf = (doc: StockDocument): StockLevel => ({
  location: doc.location,
  sku: doc.sku,
  available: doc.available,
  reserved: Object.values(doc.holds ?? {}).reduce((sum, n) => sum + n, 0),
});

/**
 * Stock rows, changed only by conditional single-document updates: a take matches only while
 * enough is available and the ticket holds nothing there yet, so concurrent takes can never drive
 * a row below zero and a redelivered one takes nothing twice.
 */
@Injectable()
export class StockRepository {
  constructor(@InjectModel(STOCK_MODEL) private readonly model: Model<StockDocument>) {}

  /** Sets `quantity` of `ticketId` aside at `location`: true when it holds them now (taken or held before). */
  async take(location: string, sku: string, quantity: number, ticketId: string): Promise<boolean> {
    const hold = `holds.${fieldKey(ticketId)}`;
    const res = await this.model
      .updateOne(
        { _id: stockRowId(location, sku), available: { $gte: quantity }, [hold]: { $exists: false } },
        { $inc: { available: -quantity }, $set: { [hold]: quantity } },
      )
      .exec();
    return res.modifiedCount === 1 || (await this.holds(location, sku, ticketId)) !== undefined;
  }

  /** What `ticketId` holds at `location` (undefined: nothing). */
  async holds(location: string, sku: string, ticketId: string): Promise<number | undefined> {
    const doc = await this.model.findById(stockRowId(location, sku), { holds: 1 }).lean<StockDocument>().exec();
    return doc?.holds?.[fieldKey(ticketId)];
  }

  /** Ends the ticket's hold, putting `back` of its units on the shelf; once (the hold is gone after). */
  async settle(location: string, sku: string, ticketId: string, back: number): Promise<boolean> {
    const hold = `holds.${fieldKey(ticketId)}`;
    const res = await this.model
      .updateOne(
        { _id: stockRowId(location, sku), [hold]: { $exists: true } },
        { $unset: { [hold]: '' }, $inc: { available: back } },
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /** Counts a receipt's units in, once per receipt id: false when it was counted already. */
  async receive(location: string, sku: string, quantity: number, receiptId: string, at: Date): Promise<boolean> {
    const receipt = `receipts.${fieldKey(receiptId)}`;
    await this.ensureRow(location, sku);
    const res = await this.model
      .updateOne(
        { _id: stockRowId(location, sku), [receipt]: { $exists: false } },
        { $inc: { available: quantity }, $set: { [receipt]: at.toISOString() } },
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /** Seeds a row once: a row that exists (seeded before, or changed since) is never touched. */
  async seed(location: string, sku: string, quantity: number): Promise<boolean> {
    try {
      await this.model.create({
        _id: stockRowId(location, sku),
        location,
        sku,
        available: quantity,
        holds: {},
        receipts: {},
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async available(location: string, sku: string): Promise<number> {
    const doc = await this.model.findById(stockRowId(location, sku), { available: 1 }).lean<StockDocument>().exec();
    return doc?.available ?? 0;
  }

  async level(location: string, sku: string): Promise<StockLevel | undefined> {
    const doc = await this.model.findById(stockRowId(location, sku)).lean<StockDocument>().exec();
    return doc ? levelOf(doc) : undefined;
  }

  async atLocation(location: string): Promise<StockLevel[]> {
    const docs = await this.model.find({ location }).sort({ sku: 1 }).lean<StockDocument[]>().exec();
    return docs.map(levelOf);
  }

  private async ensureRow(location: string, sku: string): Promise<void> {
    await this.seed(location, sku, 0);
  }
}
