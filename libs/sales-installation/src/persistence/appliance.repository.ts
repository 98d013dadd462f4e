import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { ApplianceLink } from '@appliance-care/contracts';
import { definedOnly, isDuplicateKey } from '@appliance-care/platform';

import { PlannedAppliance } from '../domain/purchase.plan';
import { APPLIANCE_MODEL, ApplianceDocument } from './appliance.schema';
import { scheduleFields } from './maintenance-fields';

/** Who holds a serial number: the claim's owner and how far it got. */
export type SerialClaim = Pick<ApplianceDocument, '_id' | 'serialNumber' | 'orderId' | 'status' | 'claimedAt'>;

const LIST_LIMIT = 200;
/** What the read side shows: appliances registered, and those retired since (with their replacement). */
const KNOWN: ApplianceDocument['status'][] = ['registered', 'retired'];

function claimOf({ applianceId, maintenance, ...appliance }: PlannedAppliance, claimedAt: Date): ApplianceDocument {
  return {
    // undefined fields are left out: the stores would keep them as null
    ...(definedOnly(appliance) as Omit<PlannedAppliance, 'applianceId'>),
    // the plan is attached by the claim itself: a registered appliance has its schedule from its first moment
    ...(maintenance ? scheduleFields(maintenance, 1).$set : {}),
    _id: applianceId,
    status: 'pending',
    claimedAt,
  };
}

/**
 * Appliances: born `pending`, as an order's claim of a serial number (the unique serial index makes
 * a serial belong to one order), and `registered` once that order is committed. Reads by _id: the
 * appliance id derives from the serial, and equality on _id is the store's fast path.
 */
@Injectable()
export class ApplianceRepository {
  constructor(@InjectModel(APPLIANCE_MODEL) private readonly model: Model<ApplianceDocument>) {}

  /** Claims the appliances' serials in one unordered insert; false when some serial was claimed already (by anyone). */
  async insertClaims(appliances: PlannedAppliance[], claimedAt: Date): Promise<boolean> {
    try {
      await this.model.insertMany(
        appliances.map((appliance) => claimOf(appliance, claimedAt)),
        { ordered: false, lean: true },
      );
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  }

  async claimsOf(applianceIds: string[]): Promise<SerialClaim[]> {
    const found = await Promise.all(
      applianceIds.map((id) =>
        this.model.findById(id, { serialNumber: 1, orderId: 1, status: 1, claimedAt: 1 }).lean<SerialClaim>().exec(),
      ),
    );
    return found.filter((claim): claim is SerialClaim => claim !== null);
  }

  /** Removes a claim that is still that order's and still pending. */
  async deletePending(claim: Pick<SerialClaim, '_id' | 'orderId'>): Promise<void> {
    await this.model.deleteOne({ _id: claim._id, orderId: claim.orderId, status: 'pending' }).exec();
  }

  /** Gives back the order's pending claims of these serials. */
  async releasePending(orderId: string, serialNumbers: string[]): Promise<void> {
    if (!serialNumbers.length) return;
    await this.model.deleteMany({ orderId, status: 'pending', serialNumber: { $in: serialNumbers } }).exec();
  }

  /** The order's pending claims become registered appliances (one conditional update by _id each). */
  async markRegistered(orderId: string, applianceIds: string[]): Promise<void> {
    await Promise.all(
      applianceIds.map((id) =>
        this.model.updateOne({ _id: id, orderId, status: 'pending' }, { $set: { status: 'registered' } }).exec(),
      ),
    );
  }

  /** A registered appliance, or one retired since (a pending claim is not an appliance yet). */
  async findRegistered(id: string): Promise<ApplianceDocument | undefined> {
    return (
      (await this.model
        .findOne({ _id: id, status: { $in: KNOWN } })
        .lean<ApplianceDocument>()
        .exec()) ?? undefined
    );
  }

  listRegistered(filter: { serialNumber?: string; customerId?: string }): Promise<ApplianceDocument[]> {
    return this.model
      .find({ ...definedOnly(filter), status: { $in: KNOWN } })
      .sort({ purchasedAt: 1, _id: 1 })
      .limit(LIST_LIMIT)
      .lean<ApplianceDocument[]>()
      .exec();
  }

  /** Retires a registered appliance replaced under warranty (a second retirement finds it retired and changes nothing). */
  async retire(id: string, replacedBy: ApplianceLink, retiredAt: string): Promise<void> {
    await this.model
      .updateOne({ _id: id, status: 'registered' }, { $set: { status: 'retired', replacedBy, retiredAt } })
      .exec();
  }
}
