import { z } from 'zod';

import {
  actorSchema,
  APPLIANCE_STATUSES,
  applianceDescriptionSchema,
  applianceSummarySchema,
  libraryActorSchema,
} from '@appliance-care/portal';

/** GET /appliances/{id}/timeline: the lifecycle in event-time order. */
export const timelineViewSchema = z.object({
  applianceId: z.string(),
  customerId: z.string().optional(),
  status: z.enum(APPLIANCE_STATUSES).optional(),
  appliance: applianceDescriptionSchema.optional(),
  appointment: applianceSummarySchema.shape.appointment,
  entries: z.array(
    z.object({
      id: z.string().describe('the event id'),
      type: z.string().describe('the event type without its version, e.g. installation.completed'),
      eventType: z.string(),
      time: z.string(),
      who: actorSchema,
      summary: z.string(),
    }),
  ),
});
export type TimelineView = z.infer<typeof timelineViewSchema>;

/** GET /customers/{id}/appliances: each appliance with its current status, newest activity first. */
export const customerAppliancesSchema = z.object({ customerId: z.string(), items: z.array(applianceSummarySchema) });
export type CustomerAppliances = z.infer<typeof customerAppliancesSchema>;

/** GET /items/{id}/timeline: a library item's processing in order. */
export const itemTimelineViewSchema = z.object({
  itemId: z.string(),
  status: z.string().optional().describe("the item's status after its latest event that says one"),
  entries: z.array(
    z.object({
      id: z.string().describe('the event id (a shipment event: the event id and the item id)'),
      type: z.string().describe('the event type without its version, e.g. library.item.shelf-ready'),
      eventType: z.string(),
      time: z.string(),
      who: libraryActorSchema,
      summary: z.string(),
      status: z.string().optional(),
    }),
  ),
});
export type ItemTimelineView = z.infer<typeof itemTimelineViewSchema>;
