import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderAssigned, WorkOrderUnassignable } from '@appliance-care/contracts';
import { CaseWorkflow } from '@appliance-care/diagnostics';

/** Only diagnostic visits are ours (sourceId = caseId); dispatch's other work orders are ignored. */
const isDiagnosticVisit = (event: EventEnvelope<{ kind: string }>) => event.data.kind === 'diagnostic-visit';

/** What dispatch did with a case's visit: booked (or moved) it, or could not find anyone. */
@Controller()
export class WorkOrderHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  @EventPattern('work-order.assigned.v1')
  async onAssigned(event: EventEnvelope<WorkOrderAssigned>): Promise<void> {
    if (isDiagnosticVisit(event)) await this.workflow.visitAssigned(event.data);
  }

  @EventPattern('work-order.unassignable.v1')
  async onUnassignable(event: EventEnvelope<WorkOrderUnassignable>): Promise<void> {
    if (isDiagnosticVisit(event)) await this.workflow.visitUnassignable(event.data);
  }
}
