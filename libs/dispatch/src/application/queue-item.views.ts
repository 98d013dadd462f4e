import { z } from 'zod';

import { branchSchema, idString, libraryTaskKindSchema } from '@appliance-care/contracts';

import { QUEUE_ITEM_HISTORY_ACTIONS } from '../domain/queue-item';
import { QUEUE_ITEM_STATUSES } from '../domain/queue-item.state-machine';
import { QueueItemDocument } from '../persistence/queue-item.schema';

/** A queue item as the API answers: the library task, who has it and from when, and why. */
export const queueItemViewSchema = z.object({
  taskId: z.string(),
  kind: libraryTaskKindSchema,
  skill: z.string(),
  branch: z.string(),
  itemId: z.string().optional(),
  subscriptionId: z.string().optional(),
  title: z.string(),
  status: z.enum(QUEUE_ITEM_STATUSES),
  requestedAt: z.string().optional(),
  technicianId: z.string().optional(),
  technicianName: z.string().optional(),
  availableFrom: z.string().optional().describe('when the technician can start it: now, or their next working hours'),
  reason: z.string().optional().describe('why this technician, or why nobody at the branch could take it'),
  outcome: z.enum(['completed', 'cancelled']).optional(),
  closedAt: z.string().optional(),
  history: z.array(
    z.object({ at: z.string(), action: z.enum(QUEUE_ITEM_HISTORY_ACTIONS), reason: z.string().optional() }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QueueItemView = z.infer<typeof queueItemViewSchema>;

export const queueItemListSchema = z.object({ items: z.array(queueItemViewSchema) });

export const queueItemListQuery = z.strictObject({
  branch: branchSchema.optional(),
  technicianId: idString.optional(),
  status: z.enum(QUEUE_ITEM_STATUSES).optional(),
});
export type QueueItemListQuery = z.infer<typeof queueItemListQuery>;

export function queueItemView(stored: QueueItemDocument): QueueItemView {
  return {
    taskId: stored.taskId,
    kind: stored.kind,
    skill: stored.skill,
    branch: stored.branch,
    itemId: stored.itemId,
    subscriptionId: stored.subscriptionId,
    title: stored.title,
    status: stored.status,
    requestedAt: stored.requestedAt,
    technicianId: stored.technicianId,
    technicianName: stored.technicianName,
    availableFrom: stored.availableFrom,
    reason: stored.reason,
    outcome: stored.outcome,
    closedAt: stored.closedAt,
    history: stored.history,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
