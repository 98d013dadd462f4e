import { z } from 'zod';

import { addressSchema, idString, prioritySchema } from '@appliance-care/contracts';

import { WORK_ORDER_HISTORY_ACTIONS, WORK_ORDER_KINDS } from '../domain/work-order.state';
import { WORK_ORDER_STATUSES } from '../domain/work-order.state-machine';
import { TechnicianDocument } from '../persistence/technician.schema';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { technicianFields } from './technician.input';

/** A technician as the API answers: the registered details, with their version and times. */
export const technicianViewSchema = z.object({
  technicianId: idString,
  ...technicianFields,
  version: z.number().int(),
  registeredAt: z.string(),
  updatedAt: z.string(),
});
export type TechnicianView = z.infer<typeof technicianViewSchema>;

export function technicianView(t: TechnicianDocument): TechnicianView {
  return {
    technicianId: t._id,
    name: t.name,
    email: t.email,
    phone: t.phone,
    locale: t.locale,
    skills: t.skills,
    licences: t.licences,
    homeRegion: t.homeRegion,
    regions: t.regions,
    workingHours: t.workingHours,
    timeOff: t.timeOff,
    active: t.active,
    version: t.version,
    registeredAt: t.registeredAt,
    updatedAt: t.updatedAt,
  };
}

const window = z.object({ from: z.string(), to: z.string() });

/** A work order as the API answers: what is to be done, where, by whom and when, and why. */
export const workOrderViewSchema = z.object({
  workOrderId: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  sourceId: z.string().describe('the installation, case or ticket it serves'),
  attempt: z.number().int(),
  sourceEventId: z.string(),
  correlationId: z.string().optional(),
  applianceId: z.string(),
  customerId: z.string().optional(),
  address: addressSchema.optional(),
  summary: z.string(),
  severity: z.string().optional(),
  requiredSkill: z.string(),
  region: z.string(),
  durationMinutes: z.number().int(),
  priority: prioritySchema,
  preferredWindow: window.optional(),
  dueBy: z.string().optional(),
  status: z.enum(WORK_ORDER_STATUSES),
  technicianId: z.string().optional(),
  technicianName: z.string().optional(),
  window: window.optional().describe('the booked visit'),
  bookingId: z.string().optional(),
  day: z.string().optional().describe('UTC day of the booking'),
  reason: z.string().optional().describe('why it was assigned to this technician, or why nobody could take it'),
  declinedBy: z.array(z.string()),
  releasedBookingIds: z.array(z.string()),
  history: z.array(
    z.object({
      at: z.string(),
      action: z.enum(WORK_ORDER_HISTORY_ACTIONS),
      reason: z.string().optional(),
      technicianId: z.string().optional(),
    }),
  ),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkOrderView = z.infer<typeof workOrderViewSchema>;

export const toView = (wo: WorkOrderDocument): WorkOrderView => ({
  workOrderId: wo._id,
  kind: wo.kind,
  sourceId: wo.sourceId,
  attempt: wo.attempt,
  sourceEventId: wo.sourceEventId,
  correlationId: wo.correlationId,
  applianceId: wo.applianceId,
  customerId: wo.customerId,
  address: wo.address,
  summary: wo.summary,
  severity: wo.severity,
  requiredSkill: wo.requiredSkill,
  region: wo.region,
  durationMinutes: wo.durationMinutes,
  priority: wo.priority,
  preferredWindow: wo.preferredWindow,
  dueBy: wo.dueBy,
  status: wo.status,
  technicianId: wo.technicianId,
  technicianName: wo.technicianName,
  window: wo.window,
  bookingId: wo.bookingId,
  day: wo.day,
  reason: wo.reason,
  declinedBy: wo.declinedBy ?? [],
  releasedBookingIds: wo.releasedBookingIds ?? [],
  history: wo.history ?? [],
  version: wo.version,
  createdAt: wo.createdAt,
  updatedAt: wo.updatedAt,
});

/** GET /board: work nobody could take (with why), and booked or waiting work due soon and not started. */
export const boardSchema = z.object({
  generatedAt: z.string(),
  atRiskWithinHours: z.number(),
  unassigned: z.array(workOrderViewSchema),
  atRisk: z.array(workOrderViewSchema.extend({ dueAt: z.string(), overdue: z.boolean() })),
});
export type Board = z.infer<typeof boardSchema>;

/** GET /technicians/{id}/work-orders: the technician's bookings between two UTC days. */
export const technicianWorkOrdersSchema = z.object({
  technicianId: z.string(),
  from: z.string(),
  to: z.string(),
  workOrders: z.array(workOrderViewSchema),
});
export type TechnicianWorkOrders = z.infer<typeof technicianWorkOrdersSchema>;
