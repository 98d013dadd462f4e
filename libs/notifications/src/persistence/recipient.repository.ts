import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { PreferencesUpdate } from '../domain/preferences.schema';
import { Contacts, defaultPreferences, Recipient } from '../domain/recipient';
import { RECIPIENT_MODEL, RecipientDoc } from './recipient.schema';

function toRecipient(doc: RecipientDoc): Recipient {
  const contacts: Contacts | undefined =
    doc.kind && doc.name
      ? {
          kind: doc.kind,
          name: doc.name,
          email: doc.email || undefined,
          phone: doc.phone || undefined,
          locale: doc.locale || 'en-GB',
        }
      : undefined;
  return {
    id: doc._id,
    contacts,
    preferences: {
      channels: { ...defaultPreferences().channels, ...(doc.channels ?? {}) },
      ...(doc.quietHours
        ? { quietHours: { from: doc.quietHours.from, to: doc.quietHours.to, timezone: doc.quietHours.timezone } }
        : {}),
      ...(doc.webhookUrl && doc.webhookSecret ? { webhook: { url: doc.webhookUrl, secret: doc.webhookSecret } } : {}),
    },
  };
}

@Injectable()
export class RecipientRepository {
  constructor(@InjectModel(RECIPIENT_MODEL) private readonly model: Model<RecipientDoc>) {}

  async find(id: string): Promise<Recipient | undefined> {
    const doc = await this.model.findById(id).lean<RecipientDoc>().exec();
    return doc ? toRecipient(doc) : undefined;
  }

  async findMany(ids: string[]): Promise<Map<string, Recipient>> {
    if (!ids.length) return new Map();
    const docs = await this.model
      .find({ _id: { $in: [...new Set(ids)] } })
      .lean<RecipientDoc[]>()
      .exec();
    return new Map(docs.map((doc) => [doc._id, toRecipient(doc)]));
  }

  /**
   * Stores contacts unless newer ones are there already (per-key order normally holds; this guards
   * a replay of an older event). Preferences are untouched.
   */
  async saveContacts(id: string, contacts: Contacts, at: string): Promise<void> {
    const $set = {
      kind: contacts.kind,
      name: contacts.name,
      email: contacts.email ?? null,
      phone: contacts.phone ?? null,
      locale: contacts.locale,
      contactsAt: at,
    };
    try {
      await this.model
        .updateOne(
          { _id: id, $or: [{ contactsAt: { $exists: false } }, { contactsAt: null }, { contactsAt: { $lte: at } }] },
          { $set },
          { upsert: true },
        )
        .exec();
    } catch (err) {
      // the document exists with newer contacts: the upsert tried to insert it again
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** Replaces the preferences; a webhook given without secret keeps the stored one. */
  async savePreferences(id: string, update: PreferencesUpdate): Promise<Recipient> {
    const current = await this.model.findById(id).lean<RecipientDoc>().exec();
    const channels = { email: true, sms: true, webhook: true, 'in-app': true, ...(update.channels ?? {}) };
    const webhookSecret = update.webhook ? (update.webhook.secret ?? current?.webhookSecret ?? null) : null;
    const $set = {
      channels,
      quietHours: update.quietHours ?? null,
      webhookUrl: update.webhook?.url ?? null,
      webhookSecret,
      preferencesUpdatedAt: new Date(),
    };
    const doc = await this.model
      .findOneAndUpdate({ _id: id }, { $set }, { upsert: true, returnDocument: 'after' })
      .lean<RecipientDoc>()
      .exec();
    return toRecipient(doc as RecipientDoc);
  }

  /** Whether a secret is stored (the secret itself never leaves the service). */
  async hasWebhookSecret(id: string): Promise<boolean> {
    return (await this.model.countDocuments({ _id: id, webhookSecret: { $ne: null } }).exec()) > 0;
  }
}
