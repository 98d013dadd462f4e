import { Injectable, Logger } from '@nestjs/common';

import { CONFLICT, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import { PurchasePlan } from '../domain/purchase.plan';
import { ApplianceRepository, SerialClaim } from '../persistence/appliance.repository';
import { OrderRepository } from '../persistence/order.repository';

/** A claim left pending this long by an order that never committed belongs to a caller who gave up. */
const ABANDONED_CLAIM_MS = 10 * 60_000;
/** The first attempt may free serials of abandoned orders; the next claims them. */
const CLAIM_ATTEMPTS = 3;

function serialTaken(held: SerialClaim[]): BusinessRuleError {
  const list = held
    .map((claim) => `serial ${claim.serialNumber} is already registered under order ${claim.orderId}`)
    .join('; ');
  return new BusinessRuleError('serial-already-registered', list, {
    conflicts: held.map((claim) => ({ serialNumber: claim.serialNumber, orderId: claim.orderId })),
  });
}

/**
 * An order's hold on its serial numbers: each appliance is inserted `pending` (its _id derives from
 * the serial, the serial index is unique) before anything else of the order is written, and becomes
 * `registered` once the order is committed. A serial held by another order rejects the purchase.
 */
@Injectable()
export class SerialClaims {
  private readonly logger = new Logger(SerialClaims.name);

  constructor(
    private readonly appliances: ApplianceRepository,
    private readonly orders: OrderRepository,
  ) {}

  /** Inserts the claims first (the common case: every serial is new) and looks at owners only on a clash. */
  claim(plan: PurchasePlan, now: Date): Promise<void> {
    return untilWritten(
      `the serials of order ${plan.orderId}`,
      async (attempt) => {
        if (await this.appliances.insertClaims(plan.appliances, now)) return;
        // some serials existed: this order's own claims from an earlier attempt, or another order's
        const held = await this.heldElsewhere(plan);
        if (!held.length) return;
        if (attempt === 1 && (await this.reclaimAbandoned(held, now))) return CONFLICT;
        await this.release(plan);
        throw serialTaken(held);
      },
      { attempts: CLAIM_ATTEMPTS },
    );
  }

  /** Gives back this order's pending claims (except serials its committed twin holds). */
  async release(plan: PurchasePlan, keep: string[] = []): Promise<void> {
    const serials = plan.appliances
      .map((appliance) => appliance.serialNumber)
      .filter((serial) => !keep.includes(serial));
    await this.appliances.releasePending(plan.orderId, serials);
  }

  /** The committed order's claims become registered appliances (repeated by any redelivery that finds the order). */
  confirm(orderId: string, applianceIds: string[]): Promise<void> {
    return this.appliances.markRegistered(orderId, applianceIds);
  }

  private async heldElsewhere(plan: PurchasePlan): Promise<SerialClaim[]> {
    const claims = await this.appliances.claimsOf(plan.appliances.map((appliance) => appliance.applianceId));
    return claims.filter((claim) => claim.orderId !== plan.orderId);
  }

  /** Frees serials held by orders that never committed and were given up; true if any was freed. */
  private async reclaimAbandoned(held: SerialClaim[], now: Date): Promise<boolean> {
    const abandoned = held.filter(
      (claim) => claim.status === 'pending' && now.getTime() - new Date(claim.claimedAt).getTime() > ABANDONED_CLAIM_MS,
    );
    if (abandoned.length !== held.length) return false;
    for (const claim of abandoned) {
      if (await this.orders.exists(claim.orderId)) return false;
    }
    for (const claim of abandoned) {
      await this.appliances.deletePending(claim);
      this.logger.warn(
        { applianceId: claim._id, orderId: claim.orderId },
        'reclaimed a serial from an order that never committed',
      );
    }
    return true;
  }
}
