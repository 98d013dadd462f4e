import { z } from 'zod';

import { addressSchema, idString, isoDateTime, skillSchema, timeWindowSchema } from './common.schema';

export const technicianRegisteredSchema = z.object({
  technicianId: idString,
  name: z.string().min(1),
  email: z.string().optional(),
  phone: z.string().optional(),
  locale: z.string().default('en-GB'),
  skills: z.array(skillSchema),
  homeRegion: z.string().min(1),
  regions: z.array(z.string().min(1)),
  registeredAt: isoDateTime,
  /** licences with their last valid day (YYYY-MM-DD) */
  licences: z.array(z.object({ skill: skillSchema, number: z.string().optional(), validUntil: z.string() })).optional(),
  /** false: no longer given work */
  active: z.boolean().optional(),
});
export type TechnicianRegistered = z.infer<typeof technicianRegisteredSchema>;
export const technicianUpdatedSchema = technicianRegisteredSchema.extend({ updatedAt: isoDateTime.optional() });
export type TechnicianUpdated = z.infer<typeof technicianUpdatedSchema>;

export const workOrderKindSchema = z.enum(['installation', 'diagnostic-visit', 'repair']);
export type WorkOrderKind = z.infer<typeof workOrderKindSchema>;

const workOrderRef = {
  workOrderId: idString,
  kind: workOrderKindSchema,
  /** id of the installation, case or ticket the work order serves */
  sourceId: idString,
  applianceId: idString,
  customerId: idString.optional(),
};

export const workOrderAssignedSchema = z.object({
  ...workOrderRef,
  technicianId: idString,
  technicianName: z.string(),
  window: timeWindowSchema,
  reason: z.string(),
  address: addressSchema.optional(),
  summary: z.string().optional(),
  previousTechnicianId: idString.optional(),
});
export type WorkOrderAssigned = z.infer<typeof workOrderAssignedSchema>;

export const workOrderUnassignableSchema = z.object({
  ...workOrderRef,
  reason: z.string().min(1),
});
export type WorkOrderUnassignable = z.infer<typeof workOrderUnassignableSchema>;

/** A technician lost a booked work order (reassigned, declined, or its source was cancelled). */
export const workOrderReleasedSchema = z.object({
  ...workOrderRef,
  technicianId: idString,
  window: timeWindowSchema,
  reason: z.enum(['reassigned', 'declined', 'source-cancelled', 'source-rescheduled']),
  releasedAt: isoDateTime,
});
export type WorkOrderReleased = z.infer<typeof workOrderReleasedSchema>;

/**
 * A dispatcher placed a work order with a technician who failed the qualification check (region,
 * skill, licence, working hours or time off), saying why. Published next to the order's
 * work-order.assigned.v1 (which consumers act on), as the auditable record of the override.
 */
export const workOrderQualificationOverriddenSchema = z.object({
  ...workOrderRef,
  technicianId: idString,
  window: timeWindowSchema,
  /** the checks the technician failed for this slot */
  failedChecks: z.array(z.enum(['region', 'skill', 'licence', 'hours', 'time-off'])).min(1),
  overrideReason: z.string().min(1),
  /** the dispatcher's subject */
  overriddenBy: z.string().min(1),
  overriddenAt: isoDateTime,
});
export type WorkOrderQualificationOverridden = z.infer<typeof workOrderQualificationOverriddenSchema>;
