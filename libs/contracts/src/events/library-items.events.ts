import { z } from 'zod';

import { idString, isoDateTime } from './common.schema';
import { barcodeSchema, branchSchema, cataloguingKindSchema, itemFormatSchema, itemRef } from './library-common.schema';

/** A library item's processing and circulation: topic library-services.events.v1 (library.item.received.v1 inbound), keyed by itemId. */

export const catalogueRecordSchema = z.object({
  callNumber: z.string().min(1).max(64),
  subjects: z.array(z.string().min(1).max(200)).max(20).default([]),
  /** the source record copied (e.g. an OCLC number) for copy cataloguing */
  sourceRecordId: z.string().min(1).max(64).optional(),
  notes: z.string().max(2000).optional(),
});
export type CatalogueRecord = z.infer<typeof catalogueRecordSchema>;

// ---- inbound from acquisitions (topic library.acquisitions.v1) ----

/** Acquisitions received a new item and hands it to technical services. */
export const libraryItemReceivedSchema = z.object({
  itemId: idString,
  barcode: barcodeSchema,
  title: z.string().min(1).max(500),
  format: itemFormatSchema,
  branch: branchSchema,
  cataloguing: cataloguingKindSchema,
  /** the acquisitions order line the item arrived on */
  orderId: idString.optional(),
  receivedAt: isoDateTime,
});
export type LibraryItemReceived = z.infer<typeof libraryItemReceivedSchema>;

// ---- items (topic library-services.events.v1, keyed by itemId) ----

export const libraryItemRegisteredSchema = z.object({
  ...itemRef,
  format: itemFormatSchema,
  cataloguing: cataloguingKindSchema,
  /**
   * 'acquisitions' when it came as library.item.received.v1, 'staff' when entered by REST, 'serials'
   * for a serial's completed volume (library.serial.volume-completed.v1) registered to be bound
   */
  source: z.enum(['acquisitions', 'staff', 'serials']),
  receivedAt: isoDateTime,
  registeredAt: isoDateTime,
});
export type LibraryItemRegistered = z.infer<typeof libraryItemRegisteredSchema>;

/** An original record awaits a librarian's approval. */
export const libraryCataloguingSubmittedSchema = z.object({
  ...itemRef,
  technicianId: idString,
  record: catalogueRecordSchema,
  submittedAt: isoDateTime,
});
export type LibraryCataloguingSubmitted = z.infer<typeof libraryCataloguingSubmittedSchema>;

/** A librarian sent an original record back to its cataloguer, with the reason. */
export const libraryCataloguingReturnedSchema = z.object({
  ...itemRef,
  librarianId: idString,
  reason: z.string().min(1).max(1000),
  returnedAt: isoDateTime,
});
export type LibraryCataloguingReturned = z.infer<typeof libraryCataloguingReturnedSchema>;

/** The item is catalogued (copy: by the technician; original: approved by a librarian); processing is next. */
export const libraryCataloguingCompletedSchema = z.object({
  ...itemRef,
  kind: cataloguingKindSchema,
  technicianId: idString,
  approvedBy: idString.optional(),
  record: catalogueRecordSchema,
  completedAt: isoDateTime,
});
export type LibraryCataloguingCompleted = z.infer<typeof libraryCataloguingCompletedSchema>;

/** A patron placed a hold on an item (the contact travels with it: the hold is how they are told). */
export const libraryHoldPlacedSchema = z.object({
  ...itemRef,
  holdId: idString,
  patron: z.object({
    patronId: idString,
    name: z.string().min(1).max(200),
    email: z.email(),
    locale: z.string().min(2).max(16).default('en-GB'),
  }),
  placedAt: isoDateTime,
});
export type LibraryHoldPlaced = z.infer<typeof libraryHoldPlacedSchema>;

/** Physical processing (labels, covers) is done: the item goes on the shelf, its holds can be filled. */
export const libraryItemShelfReadySchema = z.object({
  ...itemRef,
  technicianId: idString,
  callNumber: z.string().min(1).max(64),
  /** the holds waiting for it, oldest first (each placed by library.hold.placed.v1 before) */
  holdIds: z.array(idString).default([]),
  shelfReadyAt: isoDateTime,
});
export type LibraryItemShelfReady = z.infer<typeof libraryItemShelfReadySchema>;

/** Circulation found the item damaged and took it off the shelf for triage. */
export const libraryItemDamageReportedSchema = z.object({
  ...itemRef,
  damage: z.string().min(1).max(1000),
  reportedBy: idString,
  reportedAt: isoDateTime,
});
export type LibraryItemDamageReported = z.infer<typeof libraryItemDamageReportedSchema>;

export const triageDecisionSchema = z.enum(['repair', 'bind', 'withdraw']);
export type TriageDecision = z.infer<typeof triageDecisionSchema>;

/** A librarian decided what happens to a damaged item: repair in house, send to binding, or withdraw. */
export const libraryItemTriagedSchema = z.object({
  ...itemRef,
  decision: triageDecisionSchema,
  librarianId: idString,
  reason: z.string().max(1000).optional(),
  triagedAt: isoDateTime,
});
export type LibraryItemTriaged = z.infer<typeof libraryItemTriagedSchema>;

/** A technician repaired the item in house: it is back in circulation. */
export const libraryItemRepairedSchema = z.object({
  ...itemRef,
  technicianId: idString,
  notes: z.string().max(2000).optional(),
  repairedAt: isoDateTime,
});
export type LibraryItemRepaired = z.infer<typeof libraryItemRepairedSchema>;
