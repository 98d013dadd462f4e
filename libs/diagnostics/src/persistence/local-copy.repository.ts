import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';

import { ApplianceLink } from '@appliance-care/contracts';
import { definedOnlyDeep } from '@appliance-care/platform';

import {
  APPLIANCE_COPY_MODEL,
  ApplianceCopyDocument,
  CUSTOMER_COPY_MODEL,
  CustomerCopyDocument,
} from './local-copy.schema';

/** Upserts by id, one bulk write per batch: a redelivered or repeated copy changes nothing twice. */
function upserts<T extends ApplianceCopyDocument | CustomerCopyDocument>(
  copies: readonly T[],
): AnyBulkWriteOperation<ApplianceCopyDocument | CustomerCopyDocument>[] {
  return copies.map(({ _id, ...fields }) => ({
    updateOne: { filter: { _id }, update: { $set: definedOnlyDeep(fields) }, upsert: true },
  }));
}

/** The local copies of appliances and customers that sales-installation announces. */
@Injectable()
export class LocalCopyRepository {
  constructor(
    @InjectModel(APPLIANCE_COPY_MODEL) private readonly appliances: Model<ApplianceCopyDocument>,
    @InjectModel(CUSTOMER_COPY_MODEL) private readonly customers: Model<CustomerCopyDocument>,
  ) {}

  /** Throws the store's duplicate-key error when a serial number belongs to another appliance. */
  async saveAppliances(copies: readonly ApplianceCopyDocument[]): Promise<void> {
    await this.appliances.bulkWrite(upserts(copies), { ordered: false });
  }

  async saveCustomers(copies: readonly CustomerCopyDocument[]): Promise<void> {
    await this.customers.bulkWrite(upserts(copies), { ordered: false });
  }

  appliance(applianceId: string): Promise<ApplianceCopyDocument | null> {
    return this.appliances.findById(applianceId).lean<ApplianceCopyDocument>().exec();
  }

  applianceBySerial(serialNumber: string): Promise<ApplianceCopyDocument | null> {
    return this.appliances.findOne({ serialNumber }).lean<ApplianceCopyDocument>().exec();
  }

  /** Marks the copy retired (a redelivery sets the same); a registration's upsert leaves these fields alone. */
  async retire(applianceId: string, replacedBy: ApplianceLink, retiredAt: string): Promise<void> {
    await this.appliances.updateOne({ _id: applianceId }, { $set: { retiredAt, replacedBy } }).exec();
  }

  customer(customerId: string): Promise<CustomerCopyDocument | null> {
    return this.customers.findById(customerId).lean<CustomerCopyDocument>().exec();
  }
}
