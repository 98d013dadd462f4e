import { z } from 'zod';
import { idString, isoDateTime } from './common.schema';

export const notificationChannelSchema = z.enum(['email', 'sms', 'webhook', 'in-app']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

const notificationRef = {
  notificationId: idString,
  recipientId: idString,
  recipientKind: z.enum(['customer', 'technician']),
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
