import { z } from 'zod';

import { idString, isoDateTime } from '@appliance-care/contracts';

/** An offered window, as GET …/slots lists it: its technician and its start. */
export const slotInput = z.strictObject({
  technicianId: idString,
  start: isoDateTime.describe('window.from of an offered slot; the visit lasts the work order’s durationMinutes'),
});

export const rescheduleInput = z.strictObject({ slot: slotInput });

export const cancelInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** A link's cancel: the reason is optional (an HTML form posts it empty when left blank). */
export const linkCancelInput = z.preprocess(
  (body) => body ?? {},
  z.strictObject({
    reason: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((reason) => reason || undefined),
  }),
);

/** A link's move: `{slot}` as JSON, or the slot's fields flat as an HTML form posts them. */
export const linkRescheduleInput = z.preprocess((body) => {
  const fields = body as Record<string, unknown> | undefined;
  if (!fields || 'slot' in fields || !('technicianId' in fields || 'start' in fields)) return body;
  const { technicianId, start, ...rest } = fields;
  return { slot: { technicianId, start }, ...rest };
}, rescheduleInput);

/** The documented form of the link's cancel body (the parsing schema above also takes a blank reason). */
export const linkCancelBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional().describe('why; left out, the link says it was the customer'),
});
