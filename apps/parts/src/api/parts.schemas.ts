import { z } from 'zod';

import { idString, stockLocationSchema } from '@appliance-care/contracts';
import { catalogueItemSchema, RESERVATION_STATUSES } from '@appliance-care/parts';

export const catalogueQuerySchema = z.strictObject({
  category: z.string().min(1).max(64).optional().describe('only parts that fit this appliance category'),
  model: z.string().min(1).max(100).optional().describe('only parts that fit this model'),
});
export const catalogueListSchema = z.object({ items: z.array(catalogueItemSchema) });

export const stockLevelSchema = z.object({
  location: z.string(),
  sku: z.string(),
  available: z.number().int().describe('units that may still be reserved'),
  reserved: z.number().int().describe('units set aside for repair tickets'),
});
export const stockViewSchema = z.object({ location: z.string(), items: z.array(stockLevelSchema) });

/** POST /stock/receipts: what arrived where (the receipt id makes a repeated request count nothing twice). */
export const receiptBodySchema = z.strictObject({
  receiptId: idString.optional().describe("the delivery's reference: a receipt is counted in once"),
  location: stockLocationSchema,
  lines: z
    .array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.number().int().positive().max(10000) }))
    .min(1)
    .max(100),
});
export const receiptViewSchema = z.object({
  receiptId: z.string(),
  location: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  counted: z.boolean().describe('false: this receipt was counted in before'),
  filled: z.array(z.string()).describe('tickets whose waiting parts this stock filled, oldest first'),
});

export const reservationViewSchema = z.object({
  ticketId: z.string(),
  applianceId: z.string(),
  customerId: z.string(),
  region: z.string(),
  coverage: z.enum(['covered', 'billable']),
  technicianId: z.string().optional(),
  status: z.enum(RESERVATION_STATUSES),
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      location: z.string(),
      state: z.enum(['reserved', 'waiting']),
      unitPrice: z.number(),
      unitCost: z.number(),
      currency: z.string(),
    }),
  ),
  openedAt: z.string(),
});
