import { z } from 'zod';

/** Who acted: a technician, the customer, or the system itself (a service's decision, a device). */
export const actorSchema = z.object({
  kind: z.enum(['technician', 'customer', 'system']),
  id: z.string().optional(),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** What the portal remembers of one lifecycle event: one entry per event id. */
export interface TimelineEntry {
  /** the event id: a redelivered event maps to the same entry */
  id: string;
  applianceId: string;
  customerId?: string;
  /** the event type without its version, e.g. `installation.completed` */
  type: string;
  eventType: string;
  time: string;
  actor: Actor;
  summary: string;
  /** the appliance's description, carried by the purchase entry only */
  appliance?: ApplianceDescription;
  /** what the status projection needs beyond the type (e.g. a diagnosis outcome) */
  outcome?: string;
  /** the work order a work-order.* event concerns */
  workOrderId?: string;
  /** the visit a booking (work-order.assigned) made: what the customer is expecting */
  appointment?: Appointment;
  /**
   * the topic the event came on and when it arrived: one appliance's events of one topic share a
   * partition and are consumed in publication order, so arrival orders them more truly than the
   * producer's clock (two events written together may carry times a millisecond apart either way)
   */
  position?: { stream: string; offset: number };
}

/** A booked visit as the customer sees it. */
export const appointmentSchema = z.object({
  workOrderId: z.string(),
  kind: z.enum(['installation', 'diagnostic-visit', 'repair', 'maintenance']),
  from: z.string(),
  to: z.string(),
  technicianName: z.string().optional(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** What the purchase said about the appliance. */
export const applianceDescriptionSchema = z.object({
  serialNumber: z.string(),
  category: z.string(),
  sku: z.string(),
  brand: z.string().optional(),
  model: z.string().optional(),
  orderId: z.string(),
  purchasedAt: z.string(),
  warrantyEndsAt: z.string(),
  installationRequired: z.boolean(),
});
export type ApplianceDescription = z.infer<typeof applianceDescriptionSchema>;
