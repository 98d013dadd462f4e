import { NotificationDraft } from '../domain/delivery-plan';

/** What a notification and a recipient wait both record: the event it comes from and whom it is for. */
export type NotificationSource = Pick<
  NotificationDraft,
  | '_id'
  | 'sourceEventId'
  | 'sourceEventType'
  | 'correlationId'
  | 'applianceId'
  | 'recipientId'
  | 'recipientKind'
  | 'template'
  | 'urgency'
  | 'seq'
  | 'createdAt'
>;

/** The schema paths of NotificationSource, shared by both collections. */
export const notificationSourcePaths = {
  _id: { type: String, required: true },
  sourceEventId: { type: String, required: true },
  sourceEventType: { type: String, required: true },
  correlationId: { type: String, required: true },
  applianceId: String,
  recipientId: { type: String, required: true },
  recipientKind: { type: String, required: true },
  template: { type: String, required: true },
  urgency: { type: String, required: true },
  seq: Number,
  createdAt: { type: Date, required: true },
};
