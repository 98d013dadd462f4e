import { Address, PurchaseRecorded } from '@appliance-care/contracts';

import { fingerprint } from './purchase.policy';

export interface CustomerProfile {
  customerId: string;
  name: string;
  email?: string;
  phone?: string;
  locale: string;
  address?: Address;
  registeredAt: string;
  /** purchase time of the order the contact details come from: an older order never overwrites a newer one */
  contactsAsOf: string;
}

const DEFAULT_LOCALE = 'en-GB';

/**
 * The customer after this purchase: the newest purchase's details win field by field; a detail a
 * purchase leaves out keeps its earlier value.
 */
export function mergeCustomer(existing: CustomerProfile | undefined, purchase: PurchaseRecorded): CustomerProfile {
  const buyer = purchase.customer;
  if (!existing) {
    return {
      customerId: buyer.id,
      name: buyer.name,
      email: buyer.email,
      phone: buyer.phone,
      locale: buyer.locale ?? DEFAULT_LOCALE,
      address: buyer.address,
      registeredAt: purchase.purchasedAt,
      contactsAsOf: purchase.purchasedAt,
    };
  }
  const registeredAt =
    Date.parse(purchase.purchasedAt) < Date.parse(existing.registeredAt) ? purchase.purchasedAt : existing.registeredAt;
  if (Date.parse(purchase.purchasedAt) < Date.parse(existing.contactsAsOf)) return { ...existing, registeredAt };
  return {
    customerId: existing.customerId,
    name: buyer.name,
    email: buyer.email ?? existing.email,
    phone: buyer.phone ?? existing.phone,
    locale: buyer.locale ?? existing.locale,
    address: buyer.address ?? existing.address,
    registeredAt,
    contactsAsOf: purchase.purchasedAt,
  };
}

export const sameCustomer = (a: CustomerProfile, b: CustomerProfile): boolean => fingerprint(a) === fingerprint(b);
