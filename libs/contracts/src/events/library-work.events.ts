import { z } from 'zod';

import { idString, isoDateTime, skillSchema } from './common.schema';
import { barcodeSchema, branchSchema } from './library-common.schema';

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
