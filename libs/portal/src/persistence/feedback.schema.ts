import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { FeedbackRecord } from '../domain/feedback';

export const FEEDBACK_MODEL = 'Feedback';

/** _id = feedbackId (derived from the job's kind and source id): one answer per job. */
export type FeedbackDocument = Omit<FeedbackRecord, 'feedbackId'> & { _id: string } & Partial<OutboxFields>;

/** A customer's feedback, born with its customer.feedback-given.v1 in its outbox. */
export const feedbackSchema = withOutbox(
  new Schema<FeedbackDocument>(
    {
      _id: { type: String, required: true },
      workOrderId: { type: String, required: true },
      kind: { type: String, required: true },
      sourceId: { type: String, required: true },
      applianceId: { type: String, required: true },
      customerId: { type: String, required: true },
      technicianId: { type: String, required: true },
      region: String,
      rating: { type: Number, required: true },
      comment: String,
      fixedFirstTime: { type: Boolean, required: true },
      givenAt: { type: String, required: true, index: true },
      linkId: { type: String, required: true },
    },
    { versionKey: false, collection: 'feedback', minimize: true },
  ),
);
