import { z } from 'zod';

import { addressSchema, idString, isoDateTime, skillSchema, timeWindowSchema } from './common.schema';
import { branchSchema } from './library.events';

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
  /** a library technician's branch: they work there on queue items, no travel (homeRegion is the branch's region) */
  branch: branchSchema.optional(),
});
export type TechnicianRegistered = z.infer<typeof technicianRegisteredSchema>;
export const technicianUpdatedSchema = technicianRegisteredSchema.extend({ updatedAt: isoDateTime.optional() });
export type TechnicianUpdated = z.infer<typeof technicianUpdatedSchema>;

export const workOrderKindSchema = z.enum(['installation', 'diagnostic-visit', 'repair', 'maintenance']);
export type WorkOrderKind = z.infer<typeof workOrderKindSchema>;

const workOrderRef = {
  workOrderId: idString,
  kind: workOrderKindSchema,
  /** id of the installation, case or ticket the work order serves (the appliance for maintenance) */
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
  /** the order's region: routes the dispatch team's alert (absent in events before it was added) */
  region: z.string().min(1).optional(),
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

/** Who acted on an appointment, and through what: the REST API with a login, or a signed link from a mail or SMS. */
export const appointmentActorSchema = z.enum(['customer', 'dispatcher', 'admin']);
export const appointmentChannelSchema = z.enum(['api', 'link']);

const booking = { ...workOrderRef, technicianId: idString, window: timeWindowSchema };

/** The technician took the booked job (installation or diagnostic visit; repairs use repair.accepted.v1). */
export const workOrderAcceptedSchema = z.object({ ...booking, acceptedAt: isoDateTime });
export type WorkOrderAccepted = z.infer<typeof workOrderAcceptedSchema>;

/**
 * The technician turned the booked job down (installation or diagnostic visit). Dispatch books the
 * next qualified technician (work-order.assigned.v1) or the order waits (work-order.unassignable.v1).
 */
export const workOrderDeclinedSchema = z.object({ ...booking, reason: z.string().min(1), declinedAt: isoDateTime });
export type WorkOrderDeclined = z.infer<typeof workOrderDeclinedSchema>;

/** The technician is on the way, with an estimated arrival (installation or diagnostic visit). */
export const workOrderEnRouteSchema = z.object({
  ...booking,
  technicianName: z.string().optional(),
  eta: isoDateTime,
  at: isoDateTime,
});
export type WorkOrderEnRoute = z.infer<typeof workOrderEnRouteSchema>;

/**
 * The customer (or a dispatcher) moved the appointment to another offered slot. The record of the
 * move, next to the work-order.assigned.v1 of the new booking, which consumers act on.
 */
export const workOrderRescheduledSchema = z.object({
  ...booking,
  previousTechnicianId: idString,
  previousWindow: timeWindowSchema,
  rescheduledBy: appointmentActorSchema,
  via: appointmentChannelSchema,
  rescheduledAt: isoDateTime,
});
export type WorkOrderRescheduled = z.infer<typeof workOrderRescheduledSchema>;

/**
 * The customer (or a dispatcher) cancelled the appointment: the slot is free and the service that
 * asked for the visit closes its job (installation.cancelled.v1, diagnosis.visit-cancelled.v1,
 * repair.cancelled.v1). An order cancelled because its source was cancelled does not publish this.
 */
export const workOrderCancelledSchema = z.object({
  ...workOrderRef,
  technicianId: idString.optional(),
  window: timeWindowSchema.optional(),
  cancelledBy: appointmentActorSchema,
  via: appointmentChannelSchema,
  reason: z.string().min(1).max(500),
  cancelledAt: isoDateTime,
});
export type WorkOrderCancelled = z.infer<typeof workOrderCancelledSchema>;

/**
 * An urgent order took this order's slot because nothing else fitted. The bumped order is booked
 * again at once: its work-order.assigned.v1 (or work-order.unassignable.v1) follows.
 */
export const workOrderBumpedSchema = z.object({
  ...booking,
  bumpedByWorkOrderId: idString,
  bumpedAt: isoDateTime,
});
export type WorkOrderBumped = z.infer<typeof workOrderBumpedSchema>;
