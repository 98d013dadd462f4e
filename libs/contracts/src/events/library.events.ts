import { z } from 'zod';

import { idString, isoDateTime, skillSchema } from './common.schema';

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

const barcodeSchema = z
  .string()
  .min(4)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'must contain only letters, digits and -');

const itemRef = {
  itemId: idString,
  barcode: barcodeSchema,
  title: z.string().min(1).max(500),
  branch: branchSchema,
  /** the item's status after the fact the event records */
  status: itemStatusSchema,
};

/** The bibliographic record a cataloguer wrote or copied. */
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

// ---- serials (keyed by subscriptionId) ----

/** How often issues come: Koha-style prediction from a first expected date and a frequency. */
export const publicationPatternSchema = z.object({
  frequency: z.enum(['weekly', 'monthly', 'bimonthly', 'quarterly', 'annual']),
  /** YYYY-MM-DD on which issue 1 of the first volume is expected */
  firstExpectedOn: z.iso.date(),
  issuesPerVolume: z.number().int().min(1).max(60),
  /** days after its expected date before a missing issue is claimed */
  graceDays: z.number().int().min(0).max(120),
});
export type PublicationPattern = z.infer<typeof publicationPatternSchema>;

export const vendorSchema = z.object({ vendorId: idString, name: z.string().min(1).max(200), email: z.email() });
export type Vendor = z.infer<typeof vendorSchema>;

const issueRef = {
  subscriptionId: idString,
  title: z.string().min(1).max(500),
  branch: branchSchema,
  volume: z.number().int().min(1),
  number: z.number().int().min(1),
  /** YYYY-MM-DD the pattern predicted */
  expectedOn: z.iso.date(),
};

export const librarySubscriptionStartedSchema = z.object({
  subscriptionId: idString,
  title: z.string().min(1).max(500),
  issn: z
    .string()
    .regex(/^\d{4}-\d{3}[\dX]$/, 'must be an ISSN (1234-567X)')
    .optional(),
  branch: branchSchema,
  vendor: vendorSchema,
  pattern: publicationPatternSchema,
  startedAt: isoDateTime,
});
export type LibrarySubscriptionStarted = z.infer<typeof librarySubscriptionStartedSchema>;

export const librarySerialIssueReceivedSchema = z.object({
  ...issueRef,
  receivedOn: z.iso.date(),
  /** who checked it in */
  checkedInBy: idString,
  /** true when the issue had been claimed before it came */
  wasClaimed: z.boolean(),
  receivedAt: isoDateTime,
});
export type LibrarySerialIssueReceived = z.infer<typeof librarySerialIssueReceivedSchema>;

/** An issue not received by its expected date plus grace: claimed from the vendor (again after another grace). */
export const librarySerialClaimedSchema = z.object({
  ...issueRef,
  vendor: vendorSchema,
  /** 1 for the first claim of this issue */
  claimCount: z.number().int().min(1),
  claimedAt: isoDateTime,
});
export type LibrarySerialClaimed = z.infer<typeof librarySerialClaimedSchema>;

/** Every issue of a volume is in: the volume is queued for binding as one bindable unit. */
export const librarySerialVolumeCompletedSchema = z.object({
  subscriptionId: idString,
  title: z.string().min(1).max(500),
  branch: branchSchema,
  volume: z.number().int().min(1),
  /** the bindable unit the volume becomes (an item of format journal-volume) */
  itemId: idString,
  completedAt: isoDateTime,
});
export type LibrarySerialVolumeCompleted = z.infer<typeof librarySerialVolumeCompletedSchema>;

// ---- binding (keyed by shipmentId) ----

const shipmentItemSchema = z.object({ itemId: idString, barcode: barcodeSchema, title: z.string().min(1).max(500) });

export const libraryBindingShipmentSentSchema = z.object({
  shipmentId: idString,
  branch: branchSchema,
  bindery: z.string().min(1).max(200),
  items: z.array(shipmentItemSchema).min(1).max(200),
  /** the packing slip sent with the volumes: one line per item, with the binding instructions */
  slip: z.array(z.object({ itemId: idString, instructions: z.string().min(1).max(500) })).min(1),
  sentBy: idString,
  sentAt: isoDateTime,
});
export type LibraryBindingShipmentSent = z.infer<typeof libraryBindingShipmentSentSchema>;

export const libraryBindingShipmentReturnedSchema = z.object({
  shipmentId: idString,
  branch: branchSchema,
  bindery: z.string().min(1).max(200),
  items: z.array(shipmentItemSchema).min(1).max(200),
  receivedBy: idString,
  returnedAt: isoDateTime,
});
export type LibraryBindingShipmentReturned = z.infer<typeof libraryBindingShipmentReturnedSchema>;

// ---- queue items: work for library technicians, assigned by dispatch (keyed by taskId) ----

export const libraryTaskKindSchema = z.enum([
  'copy-cataloguing',
  'original-cataloguing',
  'physical-processing',
  'item-repair',
  'binding-prep',
  'serial-check-in',
]);
export type LibraryTaskKind = z.infer<typeof libraryTaskKindSchema>;

/** The skill each kind of library work needs (dispatch assigns by it). */
export const LIBRARY_TASK_SKILL: Record<LibraryTaskKind, string> = {
  'copy-cataloguing': 'cataloguing',
  'original-cataloguing': 'cataloguing',
  'physical-processing': 'cataloguing',
  'item-repair': 'book-repair',
  'binding-prep': 'binding-prep',
  'serial-check-in': 'serials',
};

const taskRef = {
  taskId: idString,
  kind: libraryTaskKindSchema,
  skill: skillSchema,
  branch: branchSchema,
  /** the item the work is on (absent for a serial check-in before the issue is an item) */
  itemId: idString.optional(),
  subscriptionId: idString.optional(),
  title: z.string().min(1).max(500),
};

/** library-services needs a library technician for a piece of work: dispatch assigns it. */
export const libraryTaskRequestedSchema = z.object({ ...taskRef, requestedAt: isoDateTime });
export type LibraryTaskRequested = z.infer<typeof libraryTaskRequestedSchema>;

/** The work is done (or no longer needed): the technician's load drops. */
export const libraryTaskClosedSchema = z.object({
  ...taskRef,
  outcome: z.enum(['completed', 'cancelled']),
  technicianId: idString.optional(),
  closedAt: isoDateTime,
});
export type LibraryTaskClosed = z.infer<typeof libraryTaskClosedSchema>;

/** Dispatch gave the task to a library technician at its branch (topic dispatch.events.v1). */
export const queueItemAssignedSchema = z.object({
  ...taskRef,
  technicianId: idString,
  technicianName: z.string().min(1),
  /** when the technician can start it: now, or the start of their next working hours */
  availableFrom: isoDateTime,
  /** why this technician (the assignment policy's reason) */
  reason: z.string().min(1),
  assignedAt: isoDateTime,
});
export type QueueItemAssigned = z.infer<typeof queueItemAssignedSchema>;

/** Nobody at the branch has the skill: the task waits for a supervisor (topic dispatch.events.v1). */
export const queueItemUnassignableSchema = z.object({ ...taskRef, reason: z.string().min(1), at: isoDateTime });
export type QueueItemUnassignable = z.infer<typeof queueItemUnassignableSchema>;
