import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { SubscriptionState } from '../domain/subscription';

export const SUBSCRIPTION_MODEL = 'SerialSubscription';

/**
 * _id = subscriptionId: a repeated start finds it taken. The issues' state lives in the document, so
 * a check-in or a claim is one write with its events. nextClaimAt and oldestMissingOn are copies of
 * the claim policy's answers, kept for the sweeper's and the late list's indexes.
 */
export type SubscriptionDocument = Omit<SubscriptionState, 'subscriptionId'> & {
  _id: string;
  nextClaimAt: string;
  oldestMissingOn: string;
} & Partial<OutboxFields>;

const issueSchema = new Schema(
  {
    volume: { type: Number, required: true },
    number: { type: Number, required: true },
    expectedOn: { type: String, required: true },
    receivedOn: String,
    checkedInBy: String,
    receivedAt: String,
    claimCount: { type: Number, required: true },
    lastClaimedAt: String,
  },
  { _id: false },
);

export const subscriptionSchema = withOutbox(
  new Schema<SubscriptionDocument>(
    {
      _id: { type: String, required: true },
      title: { type: String, required: true },
      issn: String,
      branch: { type: String, required: true, index: true },
      vendor: { type: Schema.Types.Mixed, required: true },
      pattern: { type: Schema.Types.Mixed, required: true },
      startedAt: { type: String, required: true },
      issues: { type: [issueSchema], default: [] },
      completedVolumes: { type: [Number], default: [] },
      version: { type: Number, required: true },
      nextClaimAt: { type: String, required: true, index: true },
      oldestMissingOn: { type: String, required: true, index: true },
    },
    { versionKey: false, collection: 'serial_subscriptions', minimize: false },
  ),
);
