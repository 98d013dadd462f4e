import { z } from 'zod';

import { idString } from './common.schema';

/**
 * The library's technical services: items (books, media, bound volumes) processed behind the scenes,
 * serial subscriptions checked in and claimed, volumes sent to the bindery, and the queue items that
 * carry this work to library technicians. An item's events are keyed by itemId, a subscription's by
 * subscriptionId, a shipment's by shipmentId, a task's by taskId.
 */

/** A library branch: where an item is kept and where a library technician works (no travel region). */
export const branchSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case branch code');

export const itemFormatSchema = z.enum(['book', 'journal-volume', 'dvd', 'audiobook', 'map', 'score', 'other']);
export type ItemFormat = z.infer<typeof itemFormatSchema>;

/** Copy cataloguing reuses an existing record (a technician's job); original needs a librarian's approval. */
export const cataloguingKindSchema = z.enum(['copy', 'original']);
export type CataloguingKind = z.infer<typeof cataloguingKindSchema>;

/** Where an item is in its processing; `available` is on the shelf, circulating. */
export const itemStatusSchema = z.enum([
  'cataloguing',
  'awaiting-approval',
  'processing',
  'available',
  'damaged',
  'in-repair',
  'awaiting-binding',
  'at-bindery',
  'withdrawn',
]);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const barcodeSchema = z
  .string()
  .min(4)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'must contain only letters, digits and -');

export const itemRef = {
  itemId: idString,
  barcode: barcodeSchema,
  title: z.string().min(1).max(500),
  branch: branchSchema,
  /** the item's status after the fact the event records */
  status: itemStatusSchema,
};

/** The bibliographic record a cataloguer wrote or copied. */
