import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, WorkOrderCancelled } from '@appliance-care/contracts';
import { CancelDiagnosticVisit } from '@appliance-care/diagnostics';

/** A diagnostic visit cancelled in dispatch closes its case; other kinds are not ours. */
@Controller()
export class WorkOrderCancelledHandler {
  constructor(private readonly cancellation: CancelDiagnosticVisit) {}

  @EventPattern('work-order.cancelled.v1')
  async handle(event: EventEnvelope<WorkOrderCancelled>): Promise<void> {
    if (event.data.kind !== 'diagnostic-visit') return;
    await this.cancellation.onWorkOrderCancelled(event.data);
  }
}
