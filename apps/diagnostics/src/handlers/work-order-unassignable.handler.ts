import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderUnassignable } from '@appliance-care/contracts';
import { CaseWorkflow } from '@appliance-care/diagnostics';

@Controller()
export class WorkOrderUnassignableHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  @EventPattern('work-order.unassignable.v1')
  async handle(event: EventEnvelope<WorkOrderUnassignable>): Promise<void> {
    if (event.data.kind !== 'diagnostic-visit') return;
    await this.workflow.visitUnassignable(event.data);
  }
}
