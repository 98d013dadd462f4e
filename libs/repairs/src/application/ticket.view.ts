import { StoredTicket } from '../persistence/ticket.repository';
import { TicketStateMachine } from '../domain/ticket.state-machine';

const iso = (d: Date | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

/** A ticket as the API shows it: dates as ISO strings, what may happen next, and its history. */
export function ticketView({ state: s, history }: StoredTicket, withHistory = true): Record<string, unknown> {
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
    openedAt: iso(s.openedAt),
    sla: {
      dueAt: iso(s.slaDueAt),
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
