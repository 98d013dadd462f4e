import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderCancelled } from '@appliance-care/contracts';
import { CancelInstallation } from '@appliance-care/sales-installation';

/** An installation appointment cancelled in dispatch closes the job; other kinds are not ours. */
@Controller()
export class WorkOrderCancelledHandler {
  constructor(private readonly cancellation: CancelInstallation) {}

  @EventPattern('work-order.cancelled.v1')
  async handle(event: EventEnvelope<WorkOrderCancelled>): Promise<void> {
    if (event.data.kind !== 'installation') return;
    await this.cancellation.onWorkOrderCancelled(event.data);
  }
}
