import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { Address, ApplianceRegistered, CustomerRegistered } from '@appliance-care/contracts';
import { BusinessRuleError } from '@appliance-care/platform';

import {
  APPLIANCE_COPY_MODEL,
  ApplianceCopyDocument,
  CUSTOMER_COPY_MODEL,
  CustomerCopyDocument,
} from '../persistence/local-copy.schema';
import { isDuplicateKey, plain } from '../persistence/mongo-errors';

/** Where a technician must go for an appliance: the customer's address and region as last known. */
export interface VisitLocation {
  region?: string;
  address?: Address;
}

/**
 * The local copies of appliances and customers that sales-installation announces. Upserts by id, so a
 * redelivered or repeated registration changes nothing twice.
 */
@Injectable()
export class LocalCopies {
  constructor(
    @InjectModel(APPLIANCE_COPY_MODEL) private readonly appliances: Model<ApplianceCopyDocument>,
    @InjectModel(CUSTOMER_COPY_MODEL) private readonly customers: Model<CustomerCopyDocument>,
  ) {}

  /** Many registrations (of distinct appliances) in one bulk write; a serial taken by another appliance is poison. */
  async appliancesRegistered(registrations: readonly ApplianceRegistered[]): Promise<void> {
    const ops = registrations.map((data) => ({
      updateOne: { filter: { _id: data.applianceId }, update: { $set: applianceCopy(data) }, upsert: true },
    }));
    try {
      await this.appliances.bulkWrite(ops as never, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (registrations.length > 1) throw err; // the consumer retries one by one to find the one at fault
      const data = registrations[0];
      throw new BusinessRuleError(
        'duplicate-serial',
        `serial ${data.serialNumber} already belongs to another appliance than ${data.applianceId}`,
      );
    }
  }

  /** Many customers (distinct ids) in one bulk write. */
  async customersRegistered(registrations: readonly CustomerRegistered[]): Promise<void> {
    const ops = registrations.map((data) => ({
      updateOne: { filter: { _id: data.customerId }, update: { $set: customerCopy(data) }, upsert: true },
    }));
    await this.customers.bulkWrite(ops as never, { ordered: false });
  }

  applianceRegistered(data: ApplianceRegistered): Promise<void> {
    return this.appliancesRegistered([data]);
  }

  customerRegistered(data: CustomerRegistered): Promise<void> {
    return this.customersRegistered([data]);
  }

  appliance(applianceId: string): Promise<ApplianceCopyDocument | null> {
    return this.appliances.findById(applianceId).lean<ApplianceCopyDocument>().exec();
  }

  applianceBySerial(serialNumber: string): Promise<ApplianceCopyDocument | null> {
    return this.appliances.findOne({ serialNumber }).lean<ApplianceCopyDocument>().exec();
  }

  /** The customer's region wins; the appliance's region stands in while the customer copy has not arrived. */
  async locationOf(appliance: Pick<ApplianceCopyDocument, 'customerId' | 'region'>): Promise<VisitLocation> {
    const customer = await this.customers.findById(appliance.customerId).lean<CustomerCopyDocument>().exec();
    return plain({
      region: customer?.region ?? customer?.address?.region ?? appliance.region,
      address: customer?.address,
    });
  }
}

function applianceCopy(data: ApplianceRegistered) {
  return plain({
    serialNumber: data.serialNumber,
    sku: data.sku,
    category: data.category,
    brand: data.brand,
    model: data.model,
    customerId: data.customerId,
    warrantyEndsAt: new Date(data.warrantyEndsAt).toISOString(),
    region: data.region,
    updatedAt: new Date().toISOString(),
  });
}

function customerCopy(data: CustomerRegistered) {
  return plain({
    name: data.name,
    address: data.address,
    region: data.region ?? data.address?.region,
    updatedAt: new Date().toISOString(),
  });
}
