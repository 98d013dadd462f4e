import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import {
  DiagnosisCompleted,
  EventEnvelope,
  InstallationCompleted,
  InstallationStarted,
  RepairCompleted,
  RepairStarted,
} from '@appliance-care/contracts';
import { SlaAlerts, WorkOrderLifecycle } from '@appliance-care/dispatch';

/** Started work is no longer at risk; completed work is done (a completed repair leaves the board's SLA list). */
@Controller()
export class WorkProgressHandler {
  constructor(
    private readonly lifecycle: WorkOrderLifecycle,
    private readonly alerts: SlaAlerts,
  ) {}

  @EventPattern('installation.started.v1')
  async onInstallationStarted(event: EventEnvelope<InstallationStarted>): Promise<void> {
    await this.lifecycle.start({ kind: 'installation', sourceId: event.data.installationId }, event.data.technicianId);
  }

  @EventPattern('repair.started.v1')
  async onRepairStarted(event: EventEnvelope<RepairStarted>): Promise<void> {
    await this.lifecycle.start({ kind: 'repair', sourceId: event.data.ticketId }, event.data.technicianId);
  }

  @EventPattern('installation.completed.v1')
  async onInstallationCompleted(event: EventEnvelope<InstallationCompleted>): Promise<void> {
    await this.lifecycle.complete(
      { kind: 'installation', sourceId: event.data.installationId },
      event.data.technicianId,
    );
  }

  @EventPattern('diagnosis.completed.v1')
  async onDiagnosisCompleted(event: EventEnvelope<DiagnosisCompleted>): Promise<void> {
    await this.lifecycle.complete({ kind: 'diagnostic-visit', sourceId: event.data.caseId }, event.data.technicianId);
  }

  @EventPattern('repair.completed.v1')
  async onRepairCompleted(event: EventEnvelope<RepairCompleted>): Promise<void> {
    await this.lifecycle.complete({ kind: 'repair', sourceId: event.data.ticketId }, event.data.technicianId);
    await this.alerts.closed(event.data.ticketId);
  }
}
