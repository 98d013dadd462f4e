import { Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, WorkOrderCancelled } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import { DiagnosticCase } from '../domain/diagnostic-case';
import { visitCancellationVerdict } from '../domain/visit-cancellation.policy';
import { CaseChange, CaseRepository } from '../persistence/case.repository';
import { CaseDocument } from '../persistence/case.schema';

const statusOf = (stored: CaseDocument) => ({
  id: stored._id,
  state: stored.state,
  technicianId: stored.technicianId,
  workOrderId: stored.workOrderId,
  outcome: stored.outcome,
});

/**
 * The customer (or a dispatcher) cancelled the diagnostic visit in dispatch: the case closes as
 * visit-cancelled, and diagnosis.visit-cancelled.v1 goes out in the same conditional write.
 * Idempotent (a cancelled case stays as it is); a case done meanwhile, or a cancellation of another
 * order, is left alone with a log line.
 */
@Injectable()
export class CancelDiagnosticVisit {
  private readonly logger = new Logger('CancelDiagnosticVisit');

  constructor(
    private readonly cases: CaseRepository,
    private readonly events: EventFactory,
  ) {}

  async onWorkOrderCancelled(order: WorkOrderCancelled): Promise<void> {
    const caseId = order.sourceId;
    await untilWritten(`case ${caseId}`, async () => {
      const stored = await this.cases.get(caseId);
      if (!stored)
        throw new BusinessRuleError(
          'unknown-case',
          `work order ${order.workOrderId} names case ${caseId}, which diagnostics does not know`,
        );
      const verdict = visitCancellationVerdict(statusOf(stored), order.workOrderId);
      if (!verdict.cancel) {
        if (verdict.reason !== 'already-cancelled')
          this.logger.warn(
            { caseId, workOrderId: order.workOrderId, state: stored.state, reason: verdict.reason },
            'visit cancellation ignored',
          );
        return stored;
      }
      const { change, event } = this.closing(stored, order);
      return (await this.cases.save(caseId, stored.version, change, [event])) ? stored : CONFLICT;
    });
  }

  /** The case closed, its history saying who cancelled and why, and the event telling the others. */
  private closing(stored: CaseDocument, order: WorkOrderCancelled): { change: CaseChange; event: EventEnvelope } {
    const machine = DiagnosticCase.restore(statusOf(stored));
    machine.cancelVisit();
    const { workOrderId, cancelledBy, reason, cancelledAt } = order;
    const change: CaseChange = {
      set: { state: machine.state },
      history: [{ at: cancelledAt, action: 'visit-cancelled', state: machine.state, actor: cancelledBy, note: reason }],
    };
    const event = this.events.create(
      'diagnosis.visit-cancelled.v1',
      {
        caseId: stored._id,
        applianceId: stored.applianceId,
        customerId: stored.customerId,
        workOrderId,
        technicianId: stored.technicianId ?? order.technicianId,
        cancelledBy,
        reason,
        cancelledAt,
      },
      { subject: stored.applianceId },
    );
    return { change, event };
  }
}
