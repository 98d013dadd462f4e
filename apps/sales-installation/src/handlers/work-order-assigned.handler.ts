import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderAssigned } from '@appliance-care/contracts';
import { InstallationWorkflow } from '@appliance-care/sales-installation';

@Controller()
export class WorkOrderAssignedHandler {
  constructor(private readonly workflow: InstallationWorkflow) {}

  /** Only installation work orders are ours (sourceId = installationId). */
  @EventPattern('work-order.assigned.v1')
  async handle(event: EventEnvelope<WorkOrderAssigned>): Promise<void> {
    if (event.data.kind !== 'installation') return;
    await this.workflow.onAssigned(event.data);
  }
}
