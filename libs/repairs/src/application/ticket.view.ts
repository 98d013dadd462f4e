import { z } from 'zod';

import { isoDateTime, partSchema, repairTicketOpenedSchema } from '@appliance-care/contracts';

import { CANCELLED_BY, completionReportSchema, ticketHistoryEntrySchema } from '../domain/repair-ticket';
import { TICKET_ACTIONS, TICKET_STATUSES } from '../domain/ticket-status';
import { TicketStateMachine } from '../domain/ticket.state-machine';
import { StoredTicket } from '../persistence/ticket.repository';

/** A ticket as the API shows it: what opened it, dates as ISO strings, what may happen next, and its history. */
export const ticketViewSchema = repairTicketOpenedSchema
  .pick({
    ticketId: true,
    caseId: true,
    applianceId: true,
    customerId: true,
    category: true,
    requiredSkill: true,
    region: true,
    address: true,
    severity: true,
    priority: true,
    coverage: true,
    faults: true,
    parts: true,
    durationMinutes: true,
    openedAt: true,
  })
  .extend({
    status: z.enum(TICKET_STATUSES),
    allowedActions: z.array(z.enum(TICKET_ACTIONS)).describe('what the status allows next'),
    technicianId: z.string().optional(),
    workOrderId: z.string().optional(),
    declinedBy: z.array(z.string()),
    sla: z.object({
      dueAt: isoDateTime,
      paused: z.boolean(),
      pausedAt: isoDateTime.optional(),
      breached: z.boolean(),
      breachedAt: isoDateTime.optional(),
      met: z.boolean().optional(),
    }),
    escalated: z.boolean(),
    eta: isoDateTime.optional(),
    awaitingParts: z.object({ parts: z.array(partSchema), expectedAt: isoDateTime }).optional(),
    visits: z.number().int().describe('times work started on site: more than one is a revisit'),
    completedAt: isoDateTime.optional(),
    completion: completionReportSchema.optional(),
    firstTimeFix: z.boolean().optional(),
    cancelledAt: isoDateTime.optional(),
    cancellation: z.object({ reason: z.string(), cancelledBy: z.enum(CANCELLED_BY) }).optional(),
    history: z.array(ticketHistoryEntrySchema).optional().describe('every step (not in lists)'),
  });
export type TicketView = z.infer<typeof ticketViewSchema>;
export const ticketListSchema = z.object({ items: z.array(ticketViewSchema) });

const iso = (d: Date | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

export function ticketView({ state: s, history }: StoredTicket, withHistory = true): TicketView {
  return {
    ticketId: s.ticketId,
    caseId: s.caseId,
    applianceId: s.applianceId,
    customerId: s.customerId,
    category: s.category,
    requiredSkill: s.requiredSkill,
    region: s.region,
    address: s.address,
    severity: s.severity,
    priority: s.priority,
    status: s.status,
    allowedActions: TicketStateMachine.allowedActions(s.status).filter((a) => a !== 'assign' && a !== 'release'),
    technicianId: s.technicianId,
    workOrderId: s.workOrderId,
    declinedBy: s.declinedBy,
    coverage: s.coverage,
    faults: s.faults,
    parts: s.parts,
    durationMinutes: s.durationMinutes,
    openedAt: new Date(s.openedAt).toISOString(),
    sla: {
      dueAt: new Date(s.slaDueAt).toISOString(),
      paused: s.slaPausedAt !== undefined,
      pausedAt: iso(s.slaPausedAt),
      breached: s.slaBreached,
      breachedAt: iso(s.breachedAt),
      met: s.slaMet,
    },
    escalated: s.escalated,
    eta: s.eta,
    awaitingParts: s.awaitingParts,
    visits: s.visits,
    completedAt: iso(s.completedAt),
    completion: s.completion,
    firstTimeFix: s.firstTimeFix,
    cancelledAt: iso(s.cancelledAt),
    cancellation: s.cancellation,
    ...(withHistory ? { history } : {}),
  };
}
