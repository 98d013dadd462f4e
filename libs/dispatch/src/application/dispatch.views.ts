import { z } from 'zod';

import { addressSchema, idString, prioritySchema } from '@appliance-care/contracts';

import { OVERRIDABLE_CHECKS } from '../domain/placement.policy';
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

export function technicianView(stored: TechnicianDocument): TechnicianView {
  return {
    technicianId: stored._id,
    name: stored.name,
    email: stored.email,
    phone: stored.phone,
    locale: stored.locale,
    skills: stored.skills,
    licences: stored.licences,
    homeRegion: stored.homeRegion,
    regions: stored.regions,
    workingHours: stored.workingHours,
    timeOff: stored.timeOff,
    active: stored.active,
    branch: stored.branch,
    version: stored.version,
    registeredAt: stored.registeredAt,
    updatedAt: stored.updatedAt,
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
  override: z
    .object({ failedChecks: z.array(z.enum(OVERRIDABLE_CHECKS)), reason: z.string(), by: z.string(), at: z.string() })
    .optional()
    .describe('placed by hand although the technician failed these checks: who overrode them and why'),
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

export const toView = (order: WorkOrderDocument): WorkOrderView => ({
  workOrderId: order._id,
  kind: order.kind,
  sourceId: order.sourceId,
  attempt: order.attempt,
  sourceEventId: order.sourceEventId,
  correlationId: order.correlationId,
  applianceId: order.applianceId,
  customerId: order.customerId,
  address: order.address,
  summary: order.summary,
  severity: order.severity,
  requiredSkill: order.requiredSkill,
  region: order.region,
  durationMinutes: order.durationMinutes,
  priority: order.priority,
  preferredWindow: order.preferredWindow,
  dueBy: order.dueBy,
  status: order.status,
  technicianId: order.technicianId,
  technicianName: order.technicianName,
  window: order.window,
  bookingId: order.bookingId,
  day: order.day,
  reason: order.reason,
  declinedBy: order.declinedBy ?? [],
  releasedBookingIds: order.releasedBookingIds ?? [],
  override: order.override,
  history: order.history ?? [],
  version: order.version,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
});

/** GET /board: work nobody could take (with why), and booked or waiting work due soon and not started. */
export const boardSchema = z.object({
  generatedAt: z.string(),
  atRiskWithinHours: z.number(),
  unassigned: z.array(workOrderViewSchema),
  atRisk: z.array(workOrderViewSchema.extend({ dueAt: z.string(), overdue: z.boolean() })),
});
export type Board = z.infer<typeof boardSchema>;

/** A repair ticket repairs warned about (SLA at risk, or breached), with the work order that serves it now. */
export const ticketAtRiskSchema = z.object({
  ticketId: z.string(),
  workOrderId: z.string().optional().describe("the ticket's current work order (none: dispatch has none yet)"),
  status: z.enum(WORK_ORDER_STATUSES).optional().describe('of that work order'),
  slaDueAt: z.string(),
  priority: prioritySchema,
  breached: z.boolean().describe('false: the warning share of the SLA time is used up; true: the SLA was missed'),
  atRiskAt: z.string().optional(),
  breachedAt: z.string().optional(),
  technicianId: z.string().optional(),
  technicianName: z.string().optional(),
  window: window.optional().describe('the booked visit'),
  region: z.string().optional(),
});
export type TicketAtRisk = z.infer<typeof ticketAtRiskSchema>;

/** An appliance whose planned maintenance is overdue, with the maintenance work order that serves it now. */
export const maintenanceOverdueSchema = z.object({
  applianceId: z.string(),
  customerId: z.string(),
  planId: z.string(),
  planName: z.string(),
  cycle: z.number().int(),
  dueAt: z.string(),
  overdueAt: z.string(),
  region: z.string(),
  workOrderId: z.string().optional().describe("the appliance's current maintenance work order (none: none open)"),
  status: z.enum(WORK_ORDER_STATUSES).optional().describe('of that work order'),
  technicianId: z.string().optional(),
  window: window.optional().describe('the booked visit'),
});
export type MaintenanceOverdueView = z.infer<typeof maintenanceOverdueSchema>;

/** GET /board as answered: the board, and what repairs flagged, what waits for parts, and overdue maintenance. */
export const dispatchBoardSchema = boardSchema.extend({
  ticketsAtRisk: z
    .array(ticketAtRiskSchema)
    .describe('open repair tickets whose SLA repairs flagged as at risk or breached, breached first, then due first'),
  awaitingParts: z
    .array(workOrderViewSchema)
    .describe('repair visits that ended waiting for parts (reason: which, expected when); rebooked when they arrive'),
  maintenanceOverdue: z
    .array(maintenanceOverdueSchema)
    .describe('appliances whose maintenance due date passed without a completed visit, longest overdue first'),
});
export type DispatchBoard = z.infer<typeof dispatchBoardSchema>;

/** GET /technicians/{id}/work-orders: the technician's bookings between two UTC days. */
export const technicianWorkOrdersSchema = z.object({
  technicianId: z.string(),
  from: z.string(),
  to: z.string(),
  workOrders: z.array(workOrderViewSchema),
});
export type TechnicianWorkOrders = z.infer<typeof technicianWorkOrdersSchema>;
