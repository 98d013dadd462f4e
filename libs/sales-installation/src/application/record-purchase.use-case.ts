import { Inject, Injectable } from '@nestjs/common';

import { PurchaseRecorded } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import { CustomerProfile, mergeCustomer, sameCustomer } from '../domain/customer.policy';
import { InstallationCatalogue } from '../domain/installation-catalogue';
import { MaintenancePlanCatalogue } from '../domain/maintenance-plan.catalogue';
import { planPurchase, PurchasePlan } from '../domain/purchase.plan';
import { checkPurchaseRules, fingerprint } from '../domain/purchase.policy';
import { CustomerRepository } from '../persistence/customer.repository';
import { InstallationRepository } from '../persistence/installation.repository';
import { OrderRepository, StoredOrder } from '../persistence/order.repository';
import { OrderLine } from '../persistence/order.schema';
import { purchaseEvents } from './purchase-events';
import { PurchaseReceipt } from './sales.views';
import { SerialClaims } from './serial-claims';

/** A customer is merged by every purchase of theirs, some of which arrive together: a few more tries. */
const CUSTOMER_WRITE_ATTEMPTS = 10;

const lineOf = (line: OrderLine): OrderLine => ({
  applianceId: line.applianceId,
  serialNumber: line.serialNumber,
  ...(line.installationId ? { installationId: line.installationId } : {}),
});

function receiptOf(orderId: string, customerId: string, lines: OrderLine[]): PurchaseReceipt {
  return { orderId, status: 'accepted', customerId, appliances: lines.map(lineOf) };
}

function orderConflict(orderId: string): BusinessRuleError {
  return new BusinessRuleError(
    'order-conflict',
    `order ${orderId} was already recorded with different content; an order is recorded once (send a new order id for a different purchase)`,
    { orderId },
  );
}

/**
 * Records a purchase once, whatever the number of deliveries, without multi-document transactions.
 *
 * Writes happen in this order, each idempotent, so that a crash at any point converges on redelivery:
 *  1. each serial is claimed (SerialClaims): a serial held by another order rejects the purchase
 *     (and gives back this order's claims) before anything else is written;
 *  2. the customer is merged (conditional on its version) and the installation jobs are inserted
 *     (deterministic ids, no events of their own yet);
 *  3. the order document is inserted with every event of the purchase in its outbox: the commit
 *     point. A redelivery finds it and does nothing; before it, nothing was published;
 *  4. the claims are marked `registered` (repeated by any redelivery that finds the order).
 */
@Injectable()
export class RecordPurchase {
  constructor(
    private readonly orders: OrderRepository,
    private readonly customers: CustomerRepository,
    private readonly installations: InstallationRepository,
    private readonly claims: SerialClaims,
    private readonly events: EventFactory,
    @Inject(InstallationCatalogue) private readonly catalogue: InstallationCatalogue,
    @Inject(MaintenancePlanCatalogue) private readonly plans: MaintenancePlanCatalogue,
  ) {}

  async execute(purchase: PurchaseRecorded): Promise<PurchaseReceipt> {
    checkPurchaseRules(purchase);
    const contentFingerprint = fingerprint(purchase);
    const existing = await this.orders.find(purchase.orderId);
    if (existing) return this.alreadyRecorded(existing, contentFingerprint);

    const plan = planPurchase(purchase, this.catalogue, this.plans);
    const now = new Date();
    await this.claims.claim(plan, now);
    const [customer] = await Promise.all([
      this.registerCustomer(purchase),
      this.installations.insertRequested(plan.installations, now),
    ]);
    const committedFirst = await this.commit(plan, purchase, contentFingerprint, customer, now);
    if (committedFirst) return this.alreadyRecorded(committedFirst, contentFingerprint, plan);
    await this.claims.confirm(
      plan.orderId,
      plan.appliances.map((appliance) => appliance.applianceId),
    );
    return receiptOf(plan.orderId, plan.customerId, plan.appliances);
  }

  /** Inserts the order with all of the purchase's events; returns the order a concurrent delivery committed first, if any. */
  private async commit(
    plan: PurchasePlan,
    purchase: PurchaseRecorded,
    contentFingerprint: string,
    customer: CustomerProfile,
    now: Date,
  ): Promise<StoredOrder | undefined> {
    const order: StoredOrder = {
      _id: plan.orderId,
      fingerprint: contentFingerprint,
      customerId: plan.customerId,
      purchasedAt: purchase.purchasedAt,
      lines: plan.appliances.map(lineOf),
      receivedAt: now,
    };
    const events = purchaseEvents(this.events, plan, customer, purchase.purchasedAt, now.toISOString());
    if (await this.orders.insert(order, events)) return undefined;
    const winner = await this.orders.find(plan.orderId);
    if (!winner) throw new Error(`order ${plan.orderId} was refused as a duplicate but is not there; retry`);
    return winner;
  }

  /** A delivery of an order already committed: the same receipt if it is the same purchase, else a conflict. */
  private async alreadyRecorded(
    order: StoredOrder,
    contentFingerprint: string,
    lostPlan?: PurchasePlan,
  ): Promise<PurchaseReceipt> {
    if (order.fingerprint !== contentFingerprint) {
      if (lostPlan)
        await this.claims.release(
          lostPlan,
          order.lines.map((line) => line.serialNumber),
        );
      throw orderConflict(order._id);
    }
    await this.claims.confirm(
      order._id,
      order.lines.map((line) => line.applianceId),
    );
    return receiptOf(order._id, order.customerId, order.lines);
  }

  /** The customer after this purchase, merged into what is stored under a version condition. */
  private registerCustomer(purchase: PurchaseRecorded): Promise<CustomerProfile> {
    const customerId = purchase.customer.id;
    return untilWritten(
      `customer ${customerId}`,
      async () => {
        const stored = await this.customers.find(customerId);
        const merged = mergeCustomer(stored?.profile, purchase);
        if (!stored) return (await this.customers.insert(merged)) ? merged : CONFLICT;
        if (sameCustomer(stored.profile, merged)) return merged;
        return (await this.customers.update(merged, stored.version)) ? merged : CONFLICT;
      },
      { attempts: CUSTOMER_WRITE_ATTEMPTS },
    );
  }
}
