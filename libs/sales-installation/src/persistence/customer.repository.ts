import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { definedOnly, isDuplicateKey } from '@appliance-care/platform';

import { CustomerProfile } from '../domain/customer.policy';
import { CUSTOMER_MODEL, CustomerDocument } from './customer.schema';

/** A stored customer: the profile and the version its updates are conditional on. */
export interface StoredCustomer {
  profile: CustomerProfile;
  version: number;
}

function profileOf(doc: CustomerDocument): CustomerProfile {
  return {
    customerId: doc._id,
    name: doc.name,
    locale: doc.locale,
    registeredAt: doc.registeredAt,
    contactsAsOf: doc.contactsAsOf,
    // the stores may give back an absent field as null
    ...(doc.email != null ? { email: doc.email } : {}),
    ...(doc.phone != null ? { phone: doc.phone } : {}),
    ...(doc.address != null ? { address: doc.address } : {}),
  };
}

function documentOf({ customerId, ...fields }: CustomerProfile, version: number): CustomerDocument {
  // undefined fields are left out: the stores would keep them as null
  return { ...(definedOnly(fields) as Omit<CustomerProfile, 'customerId'>), _id: customerId, version };
}

@Injectable()
export class CustomerRepository {
  constructor(@InjectModel(CUSTOMER_MODEL) private readonly model: Model<CustomerDocument>) {}

  async find(customerId: string): Promise<StoredCustomer | undefined> {
    const doc = await this.model.findById(customerId).lean<CustomerDocument>().exec();
    return doc ? { profile: profileOf(doc), version: doc.version } : undefined;
  }

  /** Inserts a new customer at version 1; false when another writer inserted it first. */
  async insert(profile: CustomerProfile): Promise<boolean> {
    try {
      await this.model.insertMany([documentOf(profile, 1)], { lean: true });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  }

  /** Replaces the profile if the customer is still at `version`; false when another writer changed it first. */
  async update(profile: CustomerProfile, version: number): Promise<boolean> {
    const { _id, ...fields } = documentOf(profile, version + 1);
    const result = await this.model.updateOne({ _id, version }, { $set: fields }).exec();
    return result.matchedCount === 1;
  }
}
