import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderAssigned } from '@appliance-care/contracts';
import { InstallationWorkflow, MaintenanceSchedules } from '@appliance-care/sales-installation';

@Controller()
export class WorkOrderAssignedHandler {
  constructor(
    private readonly workflow: InstallationWorkflow,
    private readonly maintenance: MaintenanceSchedules,
  ) {}

  /** Installation work orders (sourceId = installationId) and maintenance visits (sourceId = applianceId) are ours. */
  @EventPattern('work-order.assigned.v1')
  async handle(event: EventEnvelope<WorkOrderAssigned>): Promise<void> {
    if (event.data.kind === 'installation') await this.workflow.onAssigned(event.data);
    else if (event.data.kind === 'maintenance') await this.maintenance.onAssigned(event.data);
  }
}
