import { NotificationChannel } from '@appliance-care/contracts';
import type { RecipientKind } from '@appliance-care/notification-rules';

export type { RecipientKind };

export interface QuietHours {
  /** local time of day, HH:MM */
  from: string;
  to: string;
  /** IANA zone the times are read in */
  timezone: string;
}

export interface WebhookTarget {
  url: string;
  /** write-only: used to sign, never returned by the API nor logged */
  secret: string;
}

export interface Preferences {
  channels: Record<NotificationChannel, boolean>;
  quietHours?: QuietHours;
  webhook?: WebhookTarget;
}

/** Contacts as the owning service announced them (customer.registered.v1, technician.*.v1). */
export interface Contacts {
  kind: RecipientKind;
  name: string;
  email?: string;
  phone?: string;
  locale: string;
}

export interface Recipient {
  id: string;
  /** undefined until the recipient event arrived (preferences may be set first) */
  contacts?: Contacts;
  preferences: Preferences;
}

export const CHANNELS: readonly NotificationChannel[] = ['email', 'sms', 'webhook', 'in-app'];

export const defaultPreferences = (): Preferences => ({
  channels: { email: true, sms: true, webhook: true, 'in-app': true },
});

/** Channels on which the recipient can be reached at all: a contact (or URL) exists for them. */
export function reachableChannels(recipient: Recipient, smsAvailable: boolean): NotificationChannel[] {
  const contacts = recipient.contacts;
  if (!contacts) return [];
  const reachable: NotificationChannel[] = [];
  if (contacts.email) reachable.push('email');
  if (contacts.phone && smsAvailable) reachable.push('sms');
  if (recipient.preferences.webhook?.url) reachable.push('webhook');
  reachable.push('in-app');
  return reachable;
}

/** Where a message on a channel goes (snapshot kept on the notification). */
export function destinationOf(recipient: Recipient, channel: NotificationChannel): string {
  switch (channel) {
    case 'email':
      return recipient.contacts?.email ?? '';
    case 'sms':
      return recipient.contacts?.phone ?? '';
    case 'webhook':
      return recipient.preferences.webhook?.url ?? '';
    case 'in-app':
      return recipient.id;
  }
}
