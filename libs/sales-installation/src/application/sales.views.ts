import { z } from 'zod';

import {
  addressSchema,
  applianceLinkSchema,
  applianceRegisteredSchema,
  idString,
  installationRequestedSchema,
  isoDateTime,
  timeWindowSchema,
} from '@appliance-care/contracts';

import { INSTALLATION_STATUSES } from '../domain/installation-job';

/** The API's view of a registered appliance: what its registration event says, plus its warranty today. */
export const applianceViewSchema = applianceRegisteredSchema.extend({
  warrantyStatus: z.enum(['in-warranty', 'out-of-warranty']).describe('today, from warrantyEndsAt'),
  installationId: idString.optional(),
  status: z.enum(['registered', 'retired']).describe('retired: replaced under warranty (replacedBy)'),
  replacedBy: applianceLinkSchema.optional().describe('the appliance that replaced this retired one'),
  retiredAt: isoDateTime.optional(),
});
export type ApplianceView = z.infer<typeof applianceViewSchema>;

const visitRecordSchema = z.object({
  attempt: z.number().int().positive(),
  outcome: z.enum(['failed', 'rescheduled', 'cancelled']),
  reason: z.string(),
  at: isoDateTime,
  by: z.enum(['customer', 'dispatcher', 'admin']).optional().describe('who cancelled (outcome cancelled)'),
  technicianId: z.string().optional(),
  workOrderId: z.string().optional(),
  window: timeWindowSchema.optional(),
});

/** The API's view of an installation job: what dispatch was asked for, and where the job stands. */
export const installationViewSchema = installationRequestedSchema
  .pick({
    installationId: true,
    applianceId: true,
    customerId: true,
    category: true,
    requiredSkill: true,
    region: true,
    durationMinutes: true,
    preferredWindow: true,
    priority: true,
    attempt: true,
    requestedAt: true,
  })
  .extend({
    orderId: z.string(),
    serialNumber: z.string(),
    status: z.enum(INSTALLATION_STATUSES),
    address: addressSchema,
    requestReason: z.string().optional(),
    waitingReason: z
      .string()
      .optional()
      .describe('why dispatch could not assign a technician yet (awaiting-technician)'),
    workOrderId: z.string().optional(),
    technicianId: z.string().optional(),
    technicianName: z.string().optional(),
    window: timeWindowSchema.optional().describe('the booked visit'),
    startedAt: isoDateTime.optional(),
    completedAt: isoDateTime.optional(),
    checklist: z.array(z.object({ item: z.string(), label: z.string() })).describe('what completing needs answered'),
    checklistAnswers: z.array(z.object({ item: z.string(), done: z.boolean() })).optional(),
    customerTrained: z.boolean().optional(),
    notes: z.string().optional(),
    visits: z
      .array(visitRecordSchema)
      .describe('visits that did not end the job (failed, rescheduled) or were cancelled with it'),
  });
export type InstallationView = z.infer<typeof installationViewSchema>;

/** POST /purchases: what the order became. */
export const purchaseReceiptSchema = z.object({
  orderId: z.string(),
  status: z.literal('accepted'),
  customerId: z.string(),
  appliances: z.array(
    z.object({ applianceId: z.string(), serialNumber: z.string(), installationId: z.string().optional() }),
  ),
});
export type PurchaseReceipt = z.infer<typeof purchaseReceiptSchema>;

export const applianceListSchema = z.object({ items: z.array(applianceViewSchema) });
export const installationListSchema = z.object({ items: z.array(installationViewSchema) });
