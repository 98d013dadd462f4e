import { z } from 'zod';

import { idString, isoDateTime } from './common.schema';

export const notificationChannelSchema = z.enum(['email', 'sms', 'webhook', 'in-app']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** Who was told; patrons and library supervisors were added for the library (issue 21). */
const recipientKindSchema = z.enum(['customer', 'technician', 'dispatch-team', 'patron', 'library-supervisor']);

const notificationRef = {
  notificationId: idString,
  recipientId: idString,
  recipientKind: recipientKindSchema,
  channel: notificationChannelSchema,
  template: z.string().min(1),
  sourceEventId: z.string().min(1),
  sourceEventType: z.string().min(1),
  applianceId: idString.optional(),
};

export const notificationSentSchema = z.object({ ...notificationRef, sentAt: isoDateTime });
export type NotificationSent = z.infer<typeof notificationSentSchema>;

export const notificationFailedSchema = z.object({ ...notificationRef, error: z.string(), failedAt: isoDateTime });
export type NotificationFailed = z.infer<typeof notificationFailedSchema>;

/**
 * Nobody could be told: the recipient named by the event never became known to notifications
 * (no customer.registered.v1 / technician.registered.v1 arrived within the wait).
 */
export const notificationUndeliverableSchema = z.object({
  recipientId: idString,
  recipientKind: recipientKindSchema,
  template: z.string().min(1),
  sourceEventId: z.string().min(1),
  sourceEventType: z.string().min(1),
  applianceId: idString.optional(),
  reason: z.string().min(1),
  at: isoDateTime,
});
export type NotificationUndeliverable = z.infer<typeof notificationUndeliverableSchema>;
