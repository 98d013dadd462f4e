import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope, PurchaseRecorded } from '@appliance-care/contracts';
import { EventFactory, outboxFields, OutboxRelay } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import { CustomerProfile, mergeCustomer, sameCustomer } from '../domain/customer.policy';
import { InstallationCatalogue } from '../domain/installation-catalogue';
import { visitPriority } from '../domain/installation-job';
import { PlannedInstallation, planPurchase, PurchasePlan } from '../domain/purchase.plan';
import { checkPurchaseRules, fingerprint } from '../domain/purchase.policy';
import { APPLIANCE_MODEL, ApplianceDocument } from '../persistence/appliance.schema';
import { CUSTOMER_MODEL, CustomerDocument } from '../persistence/customer.schema';
import { INSTALLATION_MODEL, InstallationDocument } from '../persistence/installation.schema';
import { definedOnly, isDuplicateKeyOnly } from '../persistence/mongo-errors';
import { ORDER_MODEL, OrderDocument } from '../persistence/order.schema';
import { PurchaseReceipt } from './sales.views';

/** A claim left pending this long by an order that never committed belongs to a caller who gave up. */
const ABANDONED_CLAIM_MS = 10 * 60_000;

/**
 * Records a purchase once, whatever the number of deliveries, without multi-document transactions.
 *
 * Writes happen in this order, each idempotent, so that a crash at any point converges on redelivery:
 *  1. each serial is claimed by inserting its appliance (`pending`, _id derived from the serial,
 *     unique serial index): a serial held by another order rejects the purchase (and gives back this
 *     order's claims) before anything else is written;
 *  2. the customer is merged (conditional on its version) and the installation jobs are inserted
 *     (deterministic ids, no events of their own yet);
 *  3. the order document is inserted with every event of the purchase in its outbox: the commit
 *     point. A redelivery finds it and does nothing; before it, nothing was published;
 *  4. the claims are marked `registered` (repeated by any redelivery that finds the order).
 */
@Injectable()
export class RecordPurchase {
  private readonly logger = new Logger(RecordPurchase.name);

  constructor(
    @InjectModel(ORDER_MODEL) private readonly orders: Model<OrderDocument>,
    @InjectModel(CUSTOMER_MODEL) private readonly customers: Model<CustomerDocument>,
    @InjectModel(APPLIANCE_MODEL) private readonly appliances: Model<ApplianceDocument>,
    @InjectModel(INSTALLATION_MODEL) private readonly installations: Model<InstallationDocument>,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    @Inject(InstallationCatalogue) private readonly catalogue: InstallationCatalogue,
  ) {}

  async execute(purchase: PurchaseRecorded): Promise<PurchaseReceipt> {
    checkPurchaseRules(purchase);
    const print = fingerprint(purchase);
    const existing = await this.findOrder(purchase.orderId);
    if (existing) return this.alreadyRecorded(existing, print);

    const plan = planPurchase(purchase, this.catalogue);
    const now = new Date();
    await this.claimSerials(plan, now);
    const [customer] = await Promise.all([
      this.registerCustomer(purchase),
      this.createInstallations(plan.installations, now),
    ]);
    const events = this.eventsFor(plan, customer, purchase.purchasedAt, now.toISOString());
    try {
      await this.orders.create({
        _id: plan.orderId,
        fingerprint: print,
        customerId: plan.customerId,
        purchasedAt: purchase.purchasedAt,
        lines: plan.appliances.map((a) =>
          definedOnly({ applianceId: a.applianceId, serialNumber: a.serialNumber, installationId: a.installationId }),
        ),
        receivedAt: now,
        ...outboxFields(events),
      });
    } catch (err) {
      if (!isDuplicateKeyOnly(err)) throw err;
      const winner = await this.findOrder(plan.orderId);
      if (!winner) throw err;
      return this.alreadyRecorded(winner, print, plan);
    }
    this.relay.notify();
    await this.confirmClaims(
      plan.orderId,
      plan.appliances.map((a) => a.applianceId),
    );
    return receiptOf(plan.orderId, plan.customerId, plan.appliances);
  }

  private findOrder(orderId: string) {
    return this.orders.findById(orderId, { outbox: 0 }).lean().exec();
  }

  private async alreadyRecorded(
    order: OrderDocument,
    print: string,
    lostPlan?: PurchasePlan,
  ): Promise<PurchaseReceipt> {
    if (order.fingerprint !== print) {
      if (lostPlan)
        await this.releaseClaims(
          lostPlan,
          order.lines.map((l) => l.serialNumber),
        );
      throw new BusinessRuleError(
        'order-conflict',
        `order ${order._id} was already recorded with different content; an order is recorded once (send a new order id for a different purchase)`,
        { orderId: order._id },
      );
    }
    await this.confirmClaims(
      order._id,
      order.lines.map((l) => l.applianceId),
    );
    return receiptOf(order._id, order.customerId, order.lines);
  }

  /** Inserts the claims first (the common case: every serial is new) and looks at owners only on a clash. */
  private async claimSerials(plan: PurchasePlan, now: Date): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const docs = plan.appliances.map(({ applianceId, ...a }) => ({
        _id: applianceId,
        ...definedOnly(a),
        status: 'pending',
        claimedAt: now,
      }));
      try {
        await this.appliances.collection.insertMany(docs as never[], { ordered: false });
        return;
      } catch (err) {
        if (!isDuplicateKeyOnly(err)) throw err;
      }
      // some serials existed: this order's own claims from an earlier attempt, or another order's
      const held = await this.heldElsewhere(plan);
      if (!held.length) return;
      if (round === 0 && (await this.reclaimAbandoned(held, now))) continue;
      await this.releaseClaims(plan);
      throw serialTaken(held);
    }
    throw new Error(`could not claim the serials of order ${plan.orderId}; retry`);
  }

  /** Serials of this order owned by another one (looked up by _id: the appliance id derives from the serial). */
  private async heldElsewhere(
    plan: PurchasePlan,
  ): Promise<Pick<ApplianceDocument, '_id' | 'serialNumber' | 'orderId' | 'status' | 'claimedAt'>[]> {
    const found = await Promise.all(
      plan.appliances.map((a) =>
        this.appliances.findById(a.applianceId, { serialNumber: 1, orderId: 1, status: 1, claimedAt: 1 }).lean().exec(),
      ),
    );
    return found.filter((doc): doc is NonNullable<typeof doc> => doc !== null && doc.orderId !== plan.orderId);
  }

  /** Frees serials held by orders that never committed and were given up; true if any was freed. */
  private async reclaimAbandoned(
    held: Pick<ApplianceDocument, '_id' | 'orderId' | 'status' | 'claimedAt'>[],
    now: Date,
  ): Promise<boolean> {
    const stale = held.filter(
      (h) => h.status === 'pending' && now.getTime() - new Date(h.claimedAt).getTime() > ABANDONED_CLAIM_MS,
    );
    if (stale.length !== held.length) return false;
    for (const claim of stale) {
      if (await this.orders.exists({ _id: claim.orderId })) return false;
    }
    for (const claim of stale) {
      await this.appliances.deleteOne({ _id: claim._id, orderId: claim.orderId, status: 'pending' }).exec();
      this.logger.warn(
        { applianceId: claim._id, orderId: claim.orderId },
        'reclaimed a serial from an order that never committed',
      );
    }
    return true;
  }

  /** Gives back this order's pending claims (except serials its committed twin holds). */
  private async releaseClaims(plan: PurchasePlan, keep: string[] = []): Promise<void> {
    const serials = plan.appliances.map((a) => a.serialNumber).filter((s) => !keep.includes(s));
    if (serials.length)
      await this.appliances
        .deleteMany({ orderId: plan.orderId, status: 'pending', serialNumber: { $in: serials } })
        .exec();
  }

  /**
   * Marks this order's claims registered. Read and written by _id alone: on FerretDB (SQLite) only a
   * filter of just _id avoids a collection scan, and a claim of a committed order never changes hands.
   */
  private async confirmClaims(orderId: string, applianceIds: string[]): Promise<void> {
    await Promise.all(
      applianceIds.map(async (id) => {
        const claim = await this.appliances.findById(id, { orderId: 1, status: 1 }).lean().exec();
        if (claim?.orderId === orderId && claim.status === 'pending') {
          await this.appliances.updateOne({ _id: id }, { $set: { status: 'registered' } }).exec();
        }
      }),
    );
  }

  private async registerCustomer(purchase: PurchaseRecorded): Promise<CustomerProfile> {
    const id = purchase.customer.id;
    for (let attempt = 0; attempt < 10; attempt++) {
      const doc = await this.customers.findById(id).lean().exec();
      const current = doc ? profileOf(doc) : undefined;
      const merged = mergeCustomer(current, purchase);
      const { customerId: _, ...fields } = merged;
      if (!doc) {
        try {
          await this.customers.collection.insertOne({ _id: id, ...definedOnly(fields), version: 1 } as never);
          return merged;
        } catch (err) {
          if (isDuplicateKeyOnly(err)) continue;
          throw err;
        }
      }
      if (current && sameCustomer(current, merged)) return merged;
      const res = await this.customers
        .updateOne({ _id: id, version: doc.version }, { $set: { ...definedOnly(fields), version: doc.version + 1 } })
        .exec();
      if (res.matchedCount === 1) return merged;
    }
    throw new Error(`customer ${id} is being updated concurrently; retry`);
  }

  private async createInstallations(installations: PlannedInstallation[], now: Date): Promise<void> {
    if (!installations.length) return;
    const docs = installations.map(({ installationId, ...i }) => ({
      _id: installationId,
      ...definedOnly(i),
      status: 'requested',
      attempt: 1,
      requestedAt: now.toISOString(),
      visits: [],
      version: 1,
      outbox: [],
      outboxPending: false,
    }));
    try {
      await this.installations.collection.insertMany(docs as never[], { ordered: false });
    } catch (err) {
      if (!isDuplicateKeyOnly(err)) throw err;
    }
  }

  /** All of the purchase's events, in the order consumers must see them (per appliance: registered, then requested). */
  private eventsFor(plan: PurchasePlan, customer: CustomerProfile, purchasedAt: string, at: string): EventEnvelope[] {
    const events: EventEnvelope[] = [
      this.events.create(
        'customer.registered.v1',
        definedOnly({
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
        }) as never,
        { subject: customer.customerId },
      ),
    ];
    const installations = new Map(plan.installations.map((i) => [i.applianceId, i]));
    for (const { installationId: _, lineId: __, ...appliance } of plan.appliances) {
      events.push(
        this.events.create('appliance.registered.v1', definedOnly(appliance) as never, {
          subject: appliance.applianceId,
        }),
      );
      const job = installations.get(appliance.applianceId);
      if (job) {
        events.push(
          this.events.create(
            'installation.requested.v1',
            definedOnly({
              installationId: job.installationId,
              applianceId: job.applianceId,
              customerId: job.customerId,
              category: job.category,
              requiredSkill: job.requiredSkill,
              region: job.region,
              address: job.address,
              durationMinutes: job.durationMinutes,
              preferredWindow: job.preferredWindow,
              priority: visitPriority(job.priority, 1),
              attempt: 1,
              requestedAt: at,
            }) as never,
            { subject: job.applianceId },
          ),
        );
      }
    }
    return events;
  }
}

function serialTaken(held: Pick<ApplianceDocument, 'serialNumber' | 'orderId'>[]): BusinessRuleError {
  const list = held.map((h) => `serial ${h.serialNumber} is already registered under order ${h.orderId}`).join('; ');
  return new BusinessRuleError('serial-already-registered', list, {
    conflicts: held.map((h) => ({ serialNumber: h.serialNumber, orderId: h.orderId })),
  });
}

function profileOf(doc: CustomerDocument): CustomerProfile {
  return definedOnly({
    customerId: doc._id,
    name: doc.name,
    email: doc.email ?? undefined,
    phone: doc.phone ?? undefined,
    locale: doc.locale,
    address: doc.address ?? undefined,
    registeredAt: doc.registeredAt,
    contactsAsOf: doc.contactsAsOf,
  }) as CustomerProfile;
}

function receiptOf(
  orderId: string,
  customerId: string,
  lines: { applianceId: string; serialNumber: string; installationId?: string }[],
): PurchaseReceipt {
  return {
    orderId,
    status: 'accepted',
    customerId,
    appliances: lines.map(
      (l) =>
        definedOnly({
          applianceId: l.applianceId,
          serialNumber: l.serialNumber,
          installationId: l.installationId ?? undefined,
        }) as PurchaseReceipt['appliances'][number],
    ),
  };
}
