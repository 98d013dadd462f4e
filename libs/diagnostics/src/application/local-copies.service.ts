import { Injectable } from '@nestjs/common';

import { Address, ApplianceRegistered, ApplianceRetired, CustomerRegistered } from '@appliance-care/contracts';
import { BusinessRuleError, isDuplicateKey } from '@appliance-care/platform';

import { LocalCopyRepository } from '../persistence/local-copy.repository';
import { ApplianceCopyDocument, CustomerCopyDocument } from '../persistence/local-copy.schema';

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
  constructor(private readonly copies: LocalCopyRepository) {}

  /** Many registrations (of distinct appliances) in one bulk write; a serial taken by another appliance is poison. */
  async appliancesRegistered(registrations: readonly ApplianceRegistered[]): Promise<void> {
    try {
      await this.copies.saveAppliances(registrations.map(applianceCopy));
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

  /** The appliance was replaced under warranty: its copy says so, and no case is opened on it any more. */
  applianceRetired(retired: ApplianceRetired): Promise<void> {
    return this.copies.retire(retired.applianceId, retired.replacedBy, retired.retiredAt);
  }

  /** Many customers (distinct ids) in one bulk write. */
  async customersRegistered(registrations: readonly CustomerRegistered[]): Promise<void> {
    await this.copies.saveCustomers(registrations.map(customerCopy));
  }

  appliance(applianceId: string): Promise<ApplianceCopyDocument | null> {
    return this.copies.appliance(applianceId);
  }

  applianceBySerial(serialNumber: string): Promise<ApplianceCopyDocument | null> {
    return this.copies.applianceBySerial(serialNumber);
  }

  /** The customer's region wins; the appliance's region stands in while the customer copy has not arrived. */
  async locationOf(appliance: Pick<ApplianceCopyDocument, 'customerId' | 'region'>): Promise<VisitLocation> {
    const customer = await this.copies.customer(appliance.customerId);
    return {
      region: customer?.region ?? customer?.address?.region ?? appliance.region,
      address: customer?.address,
    };
  }
}

function applianceCopy(data: ApplianceRegistered): ApplianceCopyDocument {
  return {
    _id: data.applianceId,
    serialNumber: data.serialNumber,
    sku: data.sku,
    category: data.category,
    brand: data.brand,
    model: data.model,
    customerId: data.customerId,
    warrantyEndsAt: new Date(data.warrantyEndsAt).toISOString(),
    region: data.region,
    updatedAt: new Date().toISOString(),
  };
}

function customerCopy(data: CustomerRegistered): CustomerCopyDocument {
  return {
    _id: data.customerId,
    name: data.name,
    address: data.address,
    region: data.region ?? data.address?.region,
    updatedAt: new Date().toISOString(),
  };
}

/** A retired appliance takes no new problem: 409 naming its replacement (a device fault goes to the DLQ with it). */
export function refuseRetired(appliance: Pick<ApplianceCopyDocument, '_id' | 'retiredAt' | 'replacedBy'>): void {
  if (!appliance.retiredAt) return;
  const by = appliance.replacedBy;
  throw new BusinessRuleError(
    'appliance-retired',
    `appliance ${appliance._id} was retired on ${appliance.retiredAt.slice(0, 10)}, replaced under warranty by serial ${by?.serialNumber ?? 'unknown'}; report the problem on the replacement`,
    { replacedBy: by },
  );
}
