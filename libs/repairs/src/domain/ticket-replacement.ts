import { InvalidTransitionError } from '@appliance-care/kernel';

import { RepairTicket } from './repair-ticket';
import { ReplacementDecision } from './replacement.policy';
import { TicketState } from './ticket-state';
import { TicketAction } from './ticket-status';
import { TicketStateMachine } from './ticket.state-machine';

type Proposal = Extract<ReplacementDecision, { outcome: 'propose' }>;

const refOf = (state: Readonly<TicketState>) => ({
  ticketId: state.ticketId,
  applianceId: state.applianceId,
  customerId: state.customerId,
});

/** Approval and rejection answer a proposal still open: 409 naming what the replacement is. */
function requireProposed(state: Readonly<TicketState>, action: TicketAction, verb: string): void {
  TicketStateMachine.next(state.ticketId, state.status, action); // a closed ticket answers with its status
  if (state.replacement?.status === 'proposed') return;
  const current = state.replacement ? `replacement-${state.replacement.status}` : 'without a replacement proposal';
  throw new InvalidTransitionError('repair ticket', state.ticketId, current, verb);
}

/** The ticket proposes replacing the appliance (the policy's decision); the repair goes on meanwhile. */
export function proposeReplacement(ticket: RepairTicket, proposal: Proposal, by: string, now: Date): void {
  const { trigger, reason, estimateTotal, appliancePrice, earlierTicketId } = proposal;
  const at = now.toISOString();
  ticket.apply(
    {
      action: 'propose-replacement',
      by,
      change: (state) => (state.replacement = { status: 'proposed', trigger, reason, proposedAt: at }),
      details: { trigger, reason, estimateTotal, appliancePrice, earlierTicketId },
      event: {
        type: 'repair.replacement-proposed.v1',
        data: {
          ...refOf(ticket.state),
          proposedAt: at,
          trigger,
          reason,
          estimateTotal,
          appliancePrice,
          earlierTicketId,
          region: ticket.state.region,
        },
      },
    },
    now,
  );
}

/** A dispatcher approved: the ticket ends as replaced (the SLA clock stops); sales-installation replaces the appliance. */
export function approveReplacement(
  ticket: RepairTicket,
  by: string,
  serialNumber: string | undefined,
  now: Date,
): void {
  requireProposed(ticket.state, 'approve-replacement', 'approve the replacement');
  const proposal = ticket.state.replacement!;
  const at = now.toISOString();
  const technicianId = ticket.state.technicianId;
  ticket.apply(
    {
      action: 'approve-replacement',
      by,
      change: (state) => {
        state.replacement = {
          ...proposal,
          status: 'approved',
          decidedAt: at,
          decidedBy: by,
          replacementSerialNumber: serialNumber,
        };
        state.replacedAt = now;
        state.slaWatch = false;
      },
      details: { replacementSerialNumber: serialNumber },
      event: {
        type: 'repair.replacement-approved.v1',
        data: {
          ...refOf(ticket.state),
          approvedAt: at,
          approvedBy: by,
          trigger: proposal.trigger,
          reason: proposal.reason,
          replacementSerialNumber: serialNumber,
          technicianId,
        },
      },
    },
    now,
  );
}

/** A dispatcher rejected: the repair goes on as it was. */
export function rejectReplacement(ticket: RepairTicket, by: string, reason: string, now: Date): void {
  requireProposed(ticket.state, 'reject-replacement', 'reject the replacement');
  const proposal = ticket.state.replacement!;
  const at = now.toISOString();
  ticket.apply(
    {
      action: 'reject-replacement',
      by,
      change: (state) =>
        (state.replacement = {
          ...proposal,
          status: 'rejected',
          decidedAt: at,
          decidedBy: by,
          rejectionReason: reason,
        }),
      details: { reason },
      event: {
        type: 'repair.replacement-rejected.v1',
        data: { ...refOf(ticket.state), rejectedAt: at, rejectedBy: by, reason },
      },
    },
    now,
  );
}
