import { ApplianceRegistered, EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { CustomerProfile } from '../domain/customer.policy';
import { PlannedAppliance, PurchasePlan } from '../domain/purchase.plan';
import { installationRequested } from './installation-events';
import { MaintenanceEvents } from './maintenance-events';

function customerRegistered(factory: EventFactory, customer: CustomerProfile, purchasedAt: string): EventEnvelope {
  return factory.create(
    'customer.registered.v1',
    {
      customerId: customer.customerId,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      locale: customer.locale,
      address: customer.address,
      region: customer.address?.region,
      registeredAt: customer.registeredAt,
      // from the stored registration date, not from what this attempt read: a redelivery says the same
      updated: customer.registeredAt !== purchasedAt,
    },
    { subject: customer.customerId },
  );
}

export function registration(appliance: PlannedAppliance): ApplianceRegistered {
  return {
    applianceId: appliance.applianceId,
    serialNumber: appliance.serialNumber,
    sku: appliance.sku,
    category: appliance.category,
    brand: appliance.brand,
    model: appliance.model,
    customerId: appliance.customerId,
    orderId: appliance.orderId,
    purchasedAt: appliance.purchasedAt,
    warrantyMonths: appliance.warrantyMonths,
    warrantyEndsAt: appliance.warrantyEndsAt,
    region: appliance.region,
    installationRequired: appliance.installationRequired,
    price: appliance.price,
    replaces: appliance.replaces,
  };
}

/** All of the purchase's events, in the order consumers must see them (per appliance: registered, then requested). */
export function purchaseEvents(
  factory: EventFactory,
  plan: PurchasePlan,
  customer: CustomerProfile,
  purchasedAt: string,
  requestedAt: string,
): EventEnvelope[] {
  const jobs = new Map(plan.installations.map((job) => [job.applianceId, job]));
  const events = [customerRegistered(factory, customer, purchasedAt)];
  for (const appliance of plan.appliances) {
    events.push(factory.create('appliance.registered.v1', registration(appliance), { subject: appliance.applianceId }));
    // the schedule itself was written with the appliance's claim; the order's commit announces it
    if (appliance.maintenance)
      events.push(new MaintenanceEvents(factory).planAttached(appliance, appliance.maintenance));
    const job = jobs.get(appliance.applianceId);
    if (job) {
      events.push(
        installationRequested(factory, job, { attempt: 1, requestedAt, preferredWindow: job.preferredWindow }),
      );
    }
  }
  return events;
}
