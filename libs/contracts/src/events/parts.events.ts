import { z } from 'zod';

import { idString, isoDateTime } from './common.schema';

/** Where stock is kept: a region's depot (`depot:<region>`) or a technician's van (`van:<technicianId>`). */
export const stockLocationSchema = z
  .string()
  .min(5)
  .max(140)
  .regex(/^(depot|van):[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be depot:<region> or van:<technicianId>');

const ticketRef = { ticketId: idString, applianceId: idString, customerId: idString };

const moneySchema = z.number().nonnegative();

/** A reserved line: the catalogue's price (what a customer pays) and cost (what a warranty claim records). */
export const reservedLineSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(100),
  location: stockLocationSchema,
  unitPrice: moneySchema,
  unitCost: moneySchema,
  currency: z.string().length(3),
});
export type ReservedLine = z.infer<typeof reservedLineSchema>;

/** A line no location could supply: ordered for the location named (the region's depot). */
export const requestedLineSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(100),
  location: stockLocationSchema,
});
export type RequestedLine = z.infer<typeof requestedLineSchema>;

/** The stock a ticket's parts were reserved from (all or some of them; the rest is in parts.requested.v1). */
export const partsReservedSchema = z.object({
  ...ticketRef,
  lines: z.array(reservedLineSchema).min(1),
  /** true when every part the ticket needs is reserved; false when some wait for a purchase */
  complete: z.boolean(),
  reservedAt: isoDateTime,
});
export type PartsReserved = z.infer<typeof partsReservedSchema>;

/** A purchase request: parts a ticket needs that no van or depot has; the ticket waits for them. */
export const partsRequestedSchema = z.object({
  ...ticketRef,
  lines: z.array(requestedLineSchema).min(1),
  /** when the stock is expected, as the catalogue's lead time says */
  expectedAt: isoDateTime,
  requestedAt: isoDateTime,
});
export type PartsRequested = z.infer<typeof partsRequestedSchema>;

/** Stock that arrived filled the last missing line: every part of the ticket is reserved, the return visit can be booked. */
export const partsReservationFulfilledSchema = z.object({
  ...ticketRef,
  lines: z.array(reservedLineSchema).min(1),
  fulfilledAt: isoDateTime,
  /** the receipt whose stock completed it (warehouse reference or receipt id) */
  receiptId: z.string().min(1).max(128),
});
export type PartsReservationFulfilled = z.infer<typeof partsReservationFulfilledSchema>;

/** A consumed line: at price for a repair the customer pays, at cost for one the warranty covers. */
export const consumedLineSchema = reservedLineSchema.extend({
  basis: z.enum(['price', 'cost']),
  amount: moneySchema,
});

/** The completed repair used parts: the reservation is consumed and unused reserved units go back to stock. */
export const partsConsumedSchema = z.object({
  ...ticketRef,
  used: z.array(consumedLineSchema),
  released: z.array(reservedLineSchema),
  /** the parts' value for the repair's cost: at price (billable) or at cost (warranty accounting) */
  partsValue: z.object({ basis: z.enum(['price', 'cost']), currency: z.string().length(3), total: moneySchema }),
  consumedAt: isoDateTime,
});
export type PartsConsumed = z.infer<typeof partsConsumedSchema>;

/** A cancelled ticket's reservation went back to stock; its purchase requests need no longer be waited for. */
export const partsReleasedSchema = z.object({
  ...ticketRef,
  released: z.array(reservedLineSchema),
  reason: z.string().min(1),
  releasedAt: isoDateTime,
});
export type PartsReleased = z.infer<typeof partsReleasedSchema>;
