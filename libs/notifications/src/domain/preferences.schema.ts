import { z } from 'zod';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (00:00–23:59)');

const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const quietHoursSchema = z.strictObject({
  from: timeOfDay,
  to: timeOfDay,
  timezone: z.string().min(1).refine(isValidTimeZone, 'must be an IANA time zone such as Europe/London'),
});

const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** optional when a secret is already stored for this recipient (it is never read back) */
  secret: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
});

/** Body of PUT /api/v1/recipients/{id}/preferences: replaces the stored preferences. */
export const preferencesUpdateSchema = z.strictObject({
  channels: z
    .strictObject({ email: z.boolean(), sms: z.boolean(), webhook: z.boolean(), 'in-app': z.boolean() })
    .partial()
    .optional(),
  quietHours: quietHoursSchema.nullable().optional(),
  webhook: webhookSchema.nullable().optional(),
});
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;
