import { Schema } from 'mongoose';

import { RecipientKind } from '../domain/recipient';

export const RECIPIENT_MODEL = 'Recipient';

/** Contacts (from the owning service's events) and preferences (from the recipient) of one person. */
export interface RecipientDoc {
  _id: string;
  kind?: RecipientKind;
  name?: string;
  email?: string;
  phone?: string;
  locale?: string;
  /** time of the event the contacts come from: an older event never overwrites a newer one */
  contactsAt?: string;
  channels: { email: boolean; sms: boolean; webhook: boolean; 'in-app': boolean };
  quietHours?: { from: string; to: string; timezone: string } | null;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  preferencesUpdatedAt?: Date;
}

export const recipientSchema = new Schema<RecipientDoc>(
  {
    _id: { type: String, required: true },
    kind: String,
    name: String,
    email: String,
    phone: String,
    locale: String,
    contactsAt: String,
    channels: {
      type: new Schema({ email: Boolean, sms: Boolean, webhook: Boolean, 'in-app': Boolean }, { _id: false }),
      default: () => ({ email: true, sms: true, webhook: true, 'in-app': true }),
    },
    quietHours: { type: new Schema({ from: String, to: String, timezone: String }, { _id: false }), default: null },
    webhookUrl: { type: String, default: null },
    webhookSecret: { type: String, default: null },
    preferencesUpdatedAt: Date,
  },
  { versionKey: false, collection: 'recipients' },
);
