import { z } from 'zod';

import { addressSchema, idString, isoDateTime, prioritySchema, skillSchema, timeWindowSchema } from './common.schema';

export const customerRegisteredSchema = z.object({
  customerId: idString,
  name: z.string().min(1),
  email: z.string().optional(),
  phone: z.string().optional(),
  locale: z.string().default('en-GB'),
  address: addressSchema.optional(),
  /** the address's region, at the top for consumers that route by region */
  region: z.string().optional(),
  registeredAt: isoDateTime,
  /** true when a later purchase refreshed an existing customer's details (not a new customer) */
  updated: z.boolean().optional(),
});
export type CustomerRegistered = z.infer<typeof customerRegisteredSchema>;

/** One end of a warranty replacement: the other appliance, and the repair ticket that decided it. */
export const applianceLinkSchema = z.object({
  applianceId: idString,
  serialNumber: z.string().min(1),
  ticketId: idString,
});
export type ApplianceLink = z.infer<typeof applianceLinkSchema>;

export const applianceRegisteredSchema = z.object({
  applianceId: idString,
  serialNumber: z.string().min(1),
  sku: z.string().min(1),
  category: z.string().min(1),
  brand: z.string().optional(),
  model: z.string().optional(),
  customerId: idString,
  orderId: z.string().min(1),
  purchasedAt: isoDateTime,
  warrantyMonths: z.number().int().min(0),
  warrantyEndsAt: isoDateTime,
  region: z.string().optional(),
  installationRequired: z.boolean(),
  /** the purchase item's price, when the sales system gave one */
  price: z.number().nonnegative().optional(),
  /** set on a warranty replacement: the retired appliance this one replaces (its ticket decided it) */
  replaces: applianceLinkSchema.optional(),
});
export type ApplianceRegistered = z.infer<typeof applianceRegisteredSchema>;

/**
 * The appliance is out of service for good: replaced under warranty by `replacedBy` (registered with
 * appliance.registered.v1 and its `replaces`). Its serial stays taken; no new case is opened on it.
 */
export const applianceRetiredSchema = z.object({
  applianceId: idString,
  serialNumber: z.string().min(1),
  customerId: idString,
  retiredAt: isoDateTime,
  reason: z.literal('replaced'),
  replacedBy: applianceLinkSchema,
});
export type ApplianceRetired = z.infer<typeof applianceRetiredSchema>;

const installationRef = {
  installationId: idString,
  applianceId: idString,
  customerId: idString,
};

export const installationRequestedSchema = z.object({
  ...installationRef,
  category: z.string().min(1),
  requiredSkill: skillSchema,
  region: z.string().min(1),
  address: addressSchema.optional(),
  durationMinutes: z.number().int().positive(),
  preferredWindow: timeWindowSchema.optional(),
  priority: prioritySchema,
  /** 1 for the first visit, incremented by every failure or reschedule */
  attempt: z.number().int().positive(),
  requestedAt: isoDateTime,
  reason: z.string().optional(),
});
export type InstallationRequested = z.infer<typeof installationRequestedSchema>;

export const installationScheduledSchema = z.object({
  ...installationRef,
  workOrderId: idString,
  technicianId: idString,
  technicianName: z.string().optional(),
  window: timeWindowSchema,
  attempt: z.number().int().positive(),
});
export type InstallationScheduled = z.infer<typeof installationScheduledSchema>;

export const installationStartedSchema = z.object({
  ...installationRef,
  technicianId: idString,
  startedAt: isoDateTime,
});
export type InstallationStarted = z.infer<typeof installationStartedSchema>;

export const installationCompletedSchema = z.object({
  ...installationRef,
  technicianId: idString,
  completedAt: isoDateTime,
  checklist: z.array(z.object({ item: z.string().min(1), done: z.boolean() })).min(1),
  customerTrained: z.literal(true),
  notes: z.string().optional(),
});
export type InstallationCompleted = z.infer<typeof installationCompletedSchema>;

export const installationFailedSchema = z.object({
  ...installationRef,
  technicianId: idString,
  workOrderId: idString.optional(),
  reason: z.string().min(1),
  failedAt: isoDateTime,
});
export type InstallationFailed = z.infer<typeof installationFailedSchema>;

/** The scheduled visit is given up (old slot released); a new installation.requested.v1 follows. */
export const installationRescheduledSchema = z.object({
  ...installationRef,
  workOrderId: idString.optional(),
  technicianId: idString.optional(),
  reason: z.string().min(1),
  preferredWindow: timeWindowSchema.optional(),
  rescheduledAt: isoDateTime,
});
export type InstallationRescheduled = z.infer<typeof installationRescheduledSchema>;

/** The customer (or a dispatcher) cancelled the installation appointment; the job is closed. */
export const installationCancelledSchema = z.object({
  ...installationRef,
  workOrderId: idString.optional(),
  technicianId: idString.optional(),
  cancelledBy: z.enum(['customer', 'dispatcher', 'admin']),
  reason: z.string().min(1),
  cancelledAt: isoDateTime,
});
export type InstallationCancelled = z.infer<typeof installationCancelledSchema>;
