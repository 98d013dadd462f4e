import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, MaintenanceCompleted, MaintenanceDue, MaintenanceOverdue } from '@appliance-care/contracts';
import { MaintenanceOverdueRepository, WorkOrderIntake, WorkOrderLifecycle } from '@appliance-care/dispatch';

/**
 * Planned maintenance (sales-installation): a due visit becomes a work order of kind maintenance
 * (sourceId = applianceId), booked as any other; an overdue one is on the board until a visit of
 * its cycle is completed, which also closes the work order.
 */
@Controller()
export class MaintenanceHandler {
  constructor(
    private readonly intake: WorkOrderIntake,
    private readonly lifecycle: WorkOrderLifecycle,
    private readonly overdue: MaintenanceOverdueRepository,
  ) {}

  @EventPattern('maintenance.due.v1')
  async onDue(event: EventEnvelope<MaintenanceDue>): Promise<void> {
    await this.intake.fromMaintenance(event);
  }

  @EventPattern('maintenance.overdue.v1')
  async onOverdue(event: EventEnvelope<MaintenanceOverdue>): Promise<void> {
    const { applianceId, customerId, planId, planName, cycle, dueAt, region, overdueAt } = event.data;
    await this.overdue.record({ applianceId, customerId, planId, planName, cycle, dueAt, region, overdueAt });
  }

  @EventPattern('maintenance.completed.v1')
  async onCompleted(event: EventEnvelope<MaintenanceCompleted>): Promise<void> {
    await this.lifecycle.complete({ kind: 'maintenance', sourceId: event.data.applianceId }, event.data.technicianId);
    await this.overdue.close(event.data.applianceId, event.data.cycle);
  }
}
