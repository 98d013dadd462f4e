import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderAssigned } from '@appliance-care/contracts';
import { CaseWorkflow } from '@appliance-care/diagnostics';

@Controller()
export class WorkOrderAssignedHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  /** Only diagnostic visits are ours (sourceId = caseId). */
  @EventPattern('work-order.assigned.v1')
  async handle(event: EventEnvelope<WorkOrderAssigned>): Promise<void> {
    if (event.data.kind !== 'diagnostic-visit') return;
    await this.workflow.visitAssigned(event.data);
  }
}
