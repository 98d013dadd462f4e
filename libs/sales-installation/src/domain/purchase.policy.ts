import { createHash } from 'node:crypto';
import { z } from 'zod';

import {
  purchaseCustomerSchema,
  purchaseItemSchema,
  PurchaseRecorded,
  purchaseRecordedSchema,
} from '@appliance-care/contracts';
import { ValidationFailedError } from '@appliance-care/kernel';

/**
 * The REST body: the event's data (SPEC §5), refusing unknown fields at every level so that a
 * misspelt field is a 400 rather than silently dropped.
 */
export const purchaseRequestSchema = z.strictObject({
  ...purchaseRecordedSchema.shape,
  customer: purchaseCustomerSchema.strict(),
  items: z.array(purchaseItemSchema.strict()).min(1, 'at least one item is required').max(100),
});

/** Rules across fields that a schema cannot state (SPEC §4 and what installation needs). */
export function checkPurchaseRules(purchase: PurchaseRecorded): void {
  const errors: { field: string; message: string }[] = [];
  const serials = new Map<string, number>();
  const lines = new Map<string, number>();
  purchase.items.forEach((item, i) => {
    const first = serials.get(item.serialNumber);
    if (first !== undefined)
      errors.push({
        field: `items.${i}.serialNumber`,
        message: `serial number ${item.serialNumber} appears twice in the order (items ${first} and ${i})`,
      });
    else serials.set(item.serialNumber, i);
    if (item.lineId !== undefined) {
      const firstLine = lines.get(item.lineId);
      if (firstLine !== undefined)
        errors.push({ field: `items.${i}.lineId`, message: `line id ${item.lineId} appears twice in the order` });
      else lines.set(item.lineId, i);
    }
  });
  const needsVisit = purchase.items.findIndex((item) => item.installation?.required);
  if (needsVisit >= 0 && !purchase.customer.address) {
    errors.push({
      field: 'customer.address',
      message: `required when an item needs installation (items.${needsVisit}): the technician needs the address and region`,
    });
  }
  if (errors.length) {
    throw new ValidationFailedError(
      `invalid purchase ${purchase.orderId}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, field]) => field !== undefined)
        .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
        .map(([key, field]) => [key, canonical(field)]),
    );
  }
  return value;
}

/** Same content, same fingerprint, whatever the key order or the content mode it arrived in. */
export const fingerprint = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
