import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderUnassignable } from '@appliance-care/contracts';
import { InstallationWorkflow } from '@appliance-care/sales-installation';

@Controller()
export class WorkOrderUnassignableHandler {
  constructor(private readonly workflow: InstallationWorkflow) {}

  @EventPattern('work-order.unassignable.v1')
  async handle(event: EventEnvelope<WorkOrderUnassignable>): Promise<void> {
    if (event.data.kind !== 'installation') return;
    await this.workflow.onUnassignable(event.data);
  }
}
