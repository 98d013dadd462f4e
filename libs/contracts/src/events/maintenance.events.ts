import { z } from 'zod';

import { addressSchema, idString, isoDateTime, prioritySchema, skillSchema, timeWindowSchema } from './common.schema';

/** Planned maintenance of a registered appliance (sales-installation): keyed by the appliance. */
const maintenanceRef = {
  applianceId: idString,
  customerId: idString,
  planId: idString,
  planName: z.string().min(1),
};

/** A maintenance plan was attached to an appliance (at registration or by staff): its first due date. */
export const maintenancePlanAttachedSchema = z.object({
  ...maintenanceRef,
  intervalMonths: z.number().int().positive(),
  dueAt: isoDateTime,
  attachedBy: z.enum(['registration', 'dispatcher', 'admin']),
  attachedAt: isoDateTime,
});
export type MaintenancePlanAttached = z.infer<typeof maintenancePlanAttachedSchema>;

/** The customer stopped the planned visits of their appliance (maintenance.opted-out.v1). */
export const maintenanceOptedOutSchema = z.object({ ...maintenanceRef, optedOutAt: isoDateTime });
export type MaintenanceOptedOut = z.infer<typeof maintenanceOptedOutSchema>;

/** The customer restarted the planned visits (maintenance.opted-in.v1): the cycle's due date from now on. */
export const maintenanceOptedInSchema = z.object({ ...maintenanceRef, dueAt: isoDateTime, optedInAt: isoDateTime });
export type MaintenanceOptedIn = z.infer<typeof maintenanceOptedInSchema>;

/**
 * The next visit is due soon: published leadDays before the due date, once per request of a cycle
 * (again only after dispatch cancelled the requested visit). Dispatch turns it into a work order of
 * kind `maintenance` with sourceId = applianceId and attempt = the schedule's request number.
 */
export const maintenanceDueSchema = z.object({
  ...maintenanceRef,
  category: z.string().min(1),
  /** 1 for the visit after attachment, +1 for each completed visit */
  cycle: z.number().int().positive(),
  /** the schedule's request number (across cycles): the work order's attempt */
  attempt: z.number().int().positive(),
  dueAt: isoDateTime,
  requiredSkill: skillSchema,
  durationMinutes: z.number().int().positive(),
  /** normal; high for a visit asked for again once the cycle is overdue */
  priority: prioritySchema,
  region: z.string().min(1),
  address: addressSchema,
  preferredWindow: timeWindowSchema,
  checklist: z.array(z.string().min(1)).min(1),
  requestedAt: isoDateTime,
});
export type MaintenanceDue = z.infer<typeof maintenanceDueSchema>;

/** The cycle's due date passed without a completed visit: once per cycle. */
export const maintenanceOverdueSchema = z.object({
  ...maintenanceRef,
  cycle: z.number().int().positive(),
  dueAt: isoDateTime,
  region: z.string().min(1),
  /** the booked visit, if there is one (booked after the due date or not yet done) */
  workOrderId: idString.optional(),
  overdueAt: isoDateTime,
});
export type MaintenanceOverdue = z.infer<typeof maintenanceOverdueSchema>;

/** The technician completed the visit with every checklist item answered; the next cycle is due at nextDueAt. */
export const maintenanceCompletedSchema = z.object({
  ...maintenanceRef,
  cycle: z.number().int().positive(),
  workOrderId: idString,
  technicianId: idString,
  completedAt: isoDateTime,
  checklist: z
    .array(z.object({ item: z.string().min(1), ok: z.boolean(), note: z.string().max(500).optional() }))
    .min(1),
  nextDueAt: isoDateTime,
});
export type MaintenanceCompleted = z.infer<typeof maintenanceCompletedSchema>;
