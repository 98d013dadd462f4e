import { z } from 'zod';

import { idString, isoDateTime, partSchema, purchaseItemSchema } from '@appliance-care/contracts';
import { repairStatsBreakdownSchema, repairStatsSchema, TICKET_STATUSES } from '@appliance-care/repairs';

const text = (max: number) => z.string().trim().min(1).max(max);

export const emptyBodySchema = z.strictObject({}).optional();
export const reasonBodySchema = z.strictObject({ reason: text(500) });
export const enRouteBodySchema = z.strictObject({ eta: isoDateTime });
export const awaitingPartsBodySchema = z.strictObject({
  parts: z.array(partSchema).min(1).max(50),
  expectedAt: isoDateTime,
});
/** Which parts arrived (default: those the ticket waits for) and the delivery's reference. */
export const partsArrivedBodySchema = z
  .strictObject({
    parts: z.array(partSchema).min(1).max(50).optional(),
    reference: text(64).optional(),
  })
  .optional();
/** The replacement unit's serial, when the dispatcher knows it (the purchase item's rule). */
export const approveReplacementBodySchema = z
  .strictObject({ serialNumber: purchaseItemSchema.shape.serialNumber.optional() })
  .optional();
export const completeBodySchema = z.strictObject({
  workDone: text(2000),
  partsUsed: z.array(partSchema).max(50),
  labourMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  signedOffBy: text(200),
});

export const listQuerySchema = z.strictObject({
  technicianId: idString.optional(),
  customerId: idString.optional(),
  applianceId: idString.optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  escalated: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  atRisk: z
    .literal('true')
    .transform(() => true as const)
    .optional()
    .describe('only open tickets whose running clock used the warning share of its time (REPAIRS_SLA_WARNING_SHARE)'),
  replacement: z
    .enum(['proposed', 'approved', 'rejected'])
    .optional()
    .describe('tickets whose warranty replacement is in this state (proposed: waiting for a dispatcher)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const DAY = 86_400_000;
export const statsQuerySchema = z
  .strictObject({ from: isoDateTime.optional(), to: isoDateTime.optional() })
  .transform(({ from, to }) => {
    const end = to ? new Date(to) : new Date();
    return { from: from ? new Date(from) : new Date(end.getTime() - 30 * DAY), to: end };
  })
  .refine((period) => period.from.getTime() < period.to.getTime(), {
    message: 'from must be before to',
    path: ['from'],
  });

/** GET /stats: the figures over [from, to). */
export const statsViewSchema = repairStatsSchema.extend({
  ...repairStatsBreakdownSchema.shape,
  from: isoDateTime,
  to: isoDateTime,
});
