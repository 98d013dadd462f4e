import { z } from 'zod';

import { isoDateTime, partSchema, repairTicketOpenedSchema } from '@appliance-care/contracts';

import { partsCostingSchema } from '../domain/parts-costing';
import {
  CANCELLED_BY,
  completionReportSchema,
  replacementStateSchema,
  ticketHistoryEntrySchema,
  TicketState,
} from '../domain/ticket-state';
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
      atRisk: z
        .boolean()
        .describe('open, clock running, and it used the warning share of its time (the list filter atRisk=true)'),
      atRiskAt: isoDateTime.optional().describe('when the watcher warned (repair.sla-at-risk.v1), once per ticket'),
      met: z.boolean().optional(),
    }),
    escalated: z.boolean(),
    eta: isoDateTime.optional(),
    awaitingParts: z
      .object({
        parts: z.array(partSchema),
        expectedAt: isoDateTime,
        technicianId: z.string().optional().describe('who found the parts needed'),
      })
      .optional(),
    visits: z.number().int().describe('times work started on site: more than one is a revisit'),
    completedAt: isoDateTime.optional(),
    completion: completionReportSchema.optional(),
    firstTimeFix: z.boolean().optional(),
    partsCost: partsCostingSchema.optional(),
    cancelledAt: isoDateTime.optional(),
    cancellation: z.object({ reason: z.string(), cancelledBy: z.enum(CANCELLED_BY) }).optional(),
    replacement: replacementStateSchema
      .optional()
      .describe("a warranty replacement proposed instead of the repair, and the dispatcher's answer"),
    replacedAt: isoDateTime.optional(),
    history: z.array(ticketHistoryEntrySchema).optional().describe('every step (not in lists)'),
  });
export type TicketView = z.infer<typeof ticketViewSchema>;
export const ticketListSchema = z.object({ items: z.array(ticketViewSchema) });

const iso = (date: Date | undefined): string | undefined => (date ? new Date(date).toISOString() : undefined);

/** The SLA clock as the API shows it. */
function slaView(state: TicketState): TicketView['sla'] {
  return {
    dueAt: new Date(state.slaDueAt).toISOString(),
    paused: state.slaPausedAt !== undefined,
    pausedAt: iso(state.slaPausedAt),
    breached: state.slaBreached,
    breachedAt: iso(state.breachedAt),
    atRisk: state.slaAtRisk === true && state.slaWatch,
    atRiskAt: iso(state.atRiskAt),
    met: state.slaMet,
  };
}

/** Assign and release are dispatch's and proposing a replacement is repairs' own: none is a caller's. */
const NOT_CALLERS = ['assign', 'release', 'propose-replacement'];
const ANSWERS = ['approve-replacement', 'reject-replacement'];
const callerActions = (state: TicketState) =>
  TicketStateMachine.allowedActions(state.status).filter(
    (action) =>
      !NOT_CALLERS.includes(action) && (!ANSWERS.includes(action) || state.replacement?.status === 'proposed'),
  );

export function ticketView({ state, history }: StoredTicket, withHistory = true): TicketView {
  return {
    ticketId: state.ticketId,
    caseId: state.caseId,
    applianceId: state.applianceId,
    customerId: state.customerId,
    category: state.category,
    requiredSkill: state.requiredSkill,
    region: state.region,
    address: state.address,
    severity: state.severity,
    priority: state.priority,
    status: state.status,
    allowedActions: callerActions(state),
    technicianId: state.technicianId,
    workOrderId: state.workOrderId,
    declinedBy: state.declinedBy,
    coverage: state.coverage,
    faults: state.faults,
    parts: state.parts,
    durationMinutes: state.durationMinutes,
    openedAt: new Date(state.openedAt).toISOString(),
    sla: slaView(state),
    escalated: state.escalated,
    eta: state.eta,
    awaitingParts: state.awaitingParts,
    visits: state.visits,
    completedAt: iso(state.completedAt),
    completion: state.completion,
    firstTimeFix: state.firstTimeFix,
    partsCost: state.partsCost,
    cancelledAt: iso(state.cancelledAt),
    cancellation: state.cancellation,
    replacement: state.replacement,
    replacedAt: iso(state.replacedAt),
    ...(withHistory ? { history } : {}),
  };
}
