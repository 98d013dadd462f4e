import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderCancelled } from '@appliance-care/contracts';
import { CancelInstallation, MaintenanceSchedules } from '@appliance-care/sales-installation';

/**
 * An installation appointment cancelled in dispatch closes the job; a maintenance visit's leaves
 * the cycle due again (the sweeper requests it again); other kinds are not ours.
 */
@Controller()
export class WorkOrderCancelledHandler {
  constructor(
    private readonly cancellation: CancelInstallation,
    private readonly maintenance: MaintenanceSchedules,
  ) {}

  @EventPattern('work-order.cancelled.v1')
  async handle(event: EventEnvelope<WorkOrderCancelled>): Promise<void> {
    if (event.data.kind === 'installation') await this.cancellation.onWorkOrderCancelled(event.data);
    else if (event.data.kind === 'maintenance') await this.maintenance.onCancelled(event.data);
  }
}
