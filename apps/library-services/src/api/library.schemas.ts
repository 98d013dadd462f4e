import { z } from 'zod';

import {
  branchSchema,
  catalogueRecordSchema,
  idString,
  isoDateTime,
  itemFormatSchema,
  itemStatusSchema,
  libraryItemReceivedSchema,
  libraryTaskKindSchema,
  triageDecisionSchema,
} from '@appliance-care/contracts';
import { HoldView, ItemState, ShipmentState, TaskState } from '@appliance-care/library-services';

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /items: an item acquisitions received, entered by staff (the same fields as library.item.received.v1). */
export const itemBodySchema = z.strictObject({
  ...libraryItemReceivedSchema.omit({ orderId: true, receivedAt: true }).shape,
  receivedAt: isoDateTime.optional().describe('when it arrived (default: now)'),
});
export const itemsQuerySchema = z.strictObject({
  status: itemStatusSchema.optional(),
  branch: branchSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const cataloguingBodySchema = z.strictObject({ record: catalogueRecordSchema });
export const emptyBodySchema = z.strictObject({}).optional();
export const reasonBodySchema = z.strictObject({ reason: text(1000) });
export const holdBodySchema = z.strictObject({
  name: text(200),
  email: z.email(),
  locale: z.string().min(2).max(16).optional(),
});
export const holdsQuerySchema = z.strictObject({ patronId: idString.optional() });
export const damageBodySchema = z.strictObject({ damage: text(1000) });
export const triageBodySchema = z.strictObject({ decision: triageDecisionSchema, reason: text(1000).optional() });
export const repairBodySchema = z.strictObject({ notes: text(2000).optional() }).optional();
export const tasksQuerySchema = z.strictObject({
  technicianId: idString.optional().describe("a library technician's queue (technicians: their own only)"),
  branch: branchSchema.optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only tasks not closed; false: only closed ones'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const shipmentBodySchema = z.strictObject({
  shipmentId: idString.optional().describe('the shipment reference: a shipment is sent once'),
  bindery: text(200),
  items: z
    .array(z.strictObject({ itemId: idString, instructions: text(500) }))
    .min(1)
    .max(200)
    .refine((items) => new Set(items.map((i) => i.itemId)).size === items.length, 'an item is listed once'),
});

export const taskViewSchema = z.object({
  taskId: z.string(),
  kind: libraryTaskKindSchema,
  skill: z.string(),
  branch: z.string(),
  itemId: z.string(),
  title: z.string(),
  state: z.enum(['requested', 'waiting', 'assigned', 'closed']).describe('requested: dispatch has not answered yet'),
  technicianId: z.string().optional(),
  technicianName: z.string().optional(),
  availableFrom: z.string().optional(),
  reason: z.string().optional().describe("dispatch's reason: why this technician, or why nobody"),
  outcome: z.enum(['completed', 'cancelled']).optional(),
  requestedAt: z.string(),
  closedAt: z.string().optional(),
});
export const taskListSchema = z.object({ items: z.array(taskViewSchema) });

export const itemViewSchema = z.object({
  itemId: z.string(),
  barcode: z.string(),
  title: z.string(),
  format: itemFormatSchema,
  branch: z.string(),
  cataloguing: z.enum(['copy', 'original']),
  status: itemStatusSchema,
  source: z.enum(['acquisitions', 'staff', 'serials']),
  receivedAt: z.string(),
  registeredAt: z.string(),
  record: catalogueRecordSchema.optional(),
  holds: z.array(z.object({ holdId: z.string(), placedAt: z.string() })).describe('oldest first, without contacts'),
  openTask: taskViewSchema.optional(),
  damage: z.string().optional(),
  triage: triageDecisionSchema.optional(),
  shipmentId: z.string().optional(),
});
export const itemListSchema = z.object({ items: z.array(itemViewSchema) });

export const holdViewSchema = z.object({
  holdId: z.string(),
  itemId: z.string(),
  title: z.string(),
  branch: z.string(),
  itemStatus: itemStatusSchema,
  patronId: z.string(),
  name: z.string(),
  email: z.string(),
  locale: z.string(),
  placedAt: z.string(),
});
export const holdListSchema = z.object({ items: z.array(holdViewSchema) });

export const shipmentViewSchema = z.object({
  shipmentId: z.string(),
  branch: z.string(),
  bindery: z.string(),
  status: z.enum(['sent', 'returned']),
  items: z.array(z.object({ itemId: z.string(), barcode: z.string(), title: z.string() })),
  slip: z.array(z.object({ itemId: z.string(), instructions: z.string() })),
  sentBy: z.string(),
  sentAt: z.string(),
  receivedBy: z.string().optional(),
  returnedAt: z.string().optional(),
});

export const taskView = (task: TaskState): z.infer<typeof taskViewSchema> => ({ ...task });

export function itemView(item: ItemState): z.infer<typeof itemViewSchema> {
  const { holds, tasks, version: _v, cataloguedBy: _c, ...rest } = item;
  const open = tasks.find((t) => t.state !== 'closed');
  return {
    ...rest,
    holds: holds.map(({ holdId, placedAt }) => ({ holdId, placedAt })),
    ...(open ? { openTask: taskView(open) } : {}),
  };
}

export const holdView = (hold: HoldView): z.infer<typeof holdViewSchema> => ({ ...hold });

export function shipmentView(shipment: ShipmentState): z.infer<typeof shipmentViewSchema> {
  const { version: _v, ...view } = shipment;
  return view;
}
