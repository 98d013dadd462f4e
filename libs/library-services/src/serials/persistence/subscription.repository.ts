import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { CONFLICT, Conflict, insertWithEvents, withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep } from '@appliance-care/platform';

import { nextClaimAt, oldestMissingOn } from '../domain/serial-claim.policy';
import { SubscriptionState } from '../domain/subscription';
import { SUBSCRIPTION_MODEL, SubscriptionDocument } from './subscription.schema';

const NOT_STATE = {
  outbox: 0,
  outboxPending: 0,
  outboxRev: 0,
  outboxSince: 0,
  outboxParked: 0,
  nextClaimAt: 0,
  oldestMissingOn: 0,
} as const;

function fromDoc({ _id, ...doc }: SubscriptionDocument): SubscriptionState {
  const fields = Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== null && value !== undefined));
  return { ...fields, subscriptionId: _id } as SubscriptionState;
}

/** The stored fields of a state: itself (undefined dropped) and the index copies the policy derives from it. */
function fieldsOf(state: SubscriptionState): Omit<SubscriptionDocument, '_id'> {
  const { subscriptionId: _id, ...rest } = definedOnlyDeep(state);
  return { ...rest, nextClaimAt: nextClaimAt(state), oldestMissingOn: oldestMissingOn(state) };
}

/** Serial subscriptions: each change one write conditional on the version read, carrying its events. */
@Injectable()
export class SubscriptionRepository {
  constructor(@InjectModel(SUBSCRIPTION_MODEL) private readonly model: Model<SubscriptionDocument>) {}

  /** Stores a new subscription with its events, once: false when the id is taken. */
  insert(state: SubscriptionState, events: readonly EventEnvelope[]): Promise<boolean> {
    return insertWithEvents(this.model, { _id: state.subscriptionId, ...fieldsOf(state) }, events);
  }

  async find(subscriptionId: string): Promise<SubscriptionState | undefined> {
    const doc = await this.model.findById(subscriptionId, NOT_STATE).lean<SubscriptionDocument>().exec();
    return doc ? fromDoc(doc) : undefined;
  }

  /** Writes `next` over the version it was read at, with its events; CONFLICT when it moved meanwhile. */
  async replace(
    read: SubscriptionState,
    next: SubscriptionState,
    events: readonly EventEnvelope[],
  ): Promise<true | Conflict> {
    const update = withEvents<SubscriptionDocument>({ $set: { ...fieldsOf(next), version: read.version + 1 } }, events);
    const res = await this.model.updateOne({ _id: read.subscriptionId, version: read.version }, update).exec();
    return res.matchedCount === 1 ? true : CONFLICT;
  }

  /** The subscriptions, by title (of one branch when given). */
  async list(branch?: string, limit = 500): Promise<SubscriptionState[]> {
    const docs = await this.model
      .find(branch ? { branch } : {}, NOT_STATE)
      .sort({ title: 1, _id: 1 })
      .limit(limit)
      .lean<SubscriptionDocument[]>()
      .exec();
    return docs.map(fromDoc);
  }

  /** Ids of the subscriptions with a claim to decide by `now`, the longest-waiting first. */
  async withClaimDue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.model
      .find({ nextClaimAt: { $lte: now.toISOString() } }, { _id: 1 })
      .sort({ nextClaimAt: 1, _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>()
      .exec();
    return docs.map((doc) => doc._id);
  }

  /** The subscriptions with an issue still missing after its expected date (before `today`, YYYY-MM-DD). */
  async withIssuesMissingBefore(today: string, branch?: string, limit = 500): Promise<SubscriptionState[]> {
    const docs = await this.model
      .find({ oldestMissingOn: { $lt: today }, ...(branch ? { branch } : {}) }, NOT_STATE)
      .sort({ oldestMissingOn: 1, _id: 1 })
      .limit(limit)
      .lean<SubscriptionDocument[]>()
      .exec();
    return docs.map(fromDoc);
  }
}
