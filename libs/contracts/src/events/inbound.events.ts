import { z } from 'zod';

import { addressSchema, idString, isoDateTime, partSchema, timeWindowSchema } from './common.schema';
import { stockLocationSchema } from './parts.events';

/** The purchase a sales system records (SPEC §4). */
export const purchaseItemSchema = z.object({
  lineId: z.string().min(1).max(32).optional(),
  sku: z.string().min(1).max(64),
  category: z.string().min(1).max(64),
  brand: z.string().max(100).optional(),
  model: z.string().max(100).optional(),
  serialNumber: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore only'),
  warrantyMonths: z.number().int().min(0).max(120),
  /** what the customer paid for the item, in the shop's currency: repairs weighs a covered repair against it */
  price: z.number().nonnegative().max(1_000_000).optional(),
  installation: z.object({ required: z.boolean(), preferredWindow: timeWindowSchema.optional() }).optional(),
});

export const purchaseCustomerSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
    name: z.string().min(1).max(200),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number such as +441632960961')
      .optional(),
    locale: z.string().min(2).max(16).optional(),
    address: addressSchema.optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'the customer needs an email or a phone',
    path: ['email'],
  });

export const purchaseRecordedSchema = z.object({
  orderId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
  purchasedAt: isoDateTime,
  channel: z.enum(['store', 'web', 'call-centre', 'marketplace']).optional(),
  storeId: z.string().max(64).optional(),
  customer: purchaseCustomerSchema,
  items: z.array(purchaseItemSchema).min(1, 'at least one item is required').max(100),
});
export type PurchaseRecorded = z.infer<typeof purchaseRecordedSchema>;
export type PurchaseItem = z.infer<typeof purchaseItemSchema>;

export const deviceFaultReportedSchema = z.object({
  serialNumber: z.string().min(1).max(64),
  errorCode: z.string().min(1).max(32),
  reportedAt: isoDateTime,
  readings: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});
export type DeviceFaultReported = z.infer<typeof deviceFaultReportedSchema>;

/**
 * A warehouse system says the parts a repair waits for have arrived (keyed by ticket). Repairs
 * handles it exactly like POST /tickets/{id}/parts-arrived: the ticket goes back to scheduling.
 */
export const partsArrivedSchema = z.object({
  ticketId: idString,
  arrivedAt: isoDateTime,
  parts: z.array(partSchema).max(100).optional(),
  /** the warehouse's own reference (delivery note, goods receipt) */
  reference: z.string().min(1).max(64).optional(),
});
export type PartsArrived = z.infer<typeof partsArrivedSchema>;

/**
 * A warehouse system delivered stock to a depot or a van (keyed by location). The parts service adds
 * it to that location's stock and fulfils the reservations waiting there, oldest first; a redelivery
 * (same receiptId) adds nothing twice.
 */
export const partsReceivedSchema = z.object({
  receiptId: idString,
  location: stockLocationSchema,
  lines: z
    .array(z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().positive().max(10000) }))
    .min(1)
    .max(100),
  receivedAt: isoDateTime,
});
export type PartsReceived = z.infer<typeof partsReceivedSchema>;
