import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import {
  EventEnvelope,
  InstallationFailed,
  InstallationRescheduled,
  RepairCancelled,
  RepairReplacementApproved,
} from '@appliance-care/contracts';
import { SlaAlerts, WorkOrderLifecycle } from '@appliance-care/dispatch';

/** The owning service gave the visit up: the slot goes back to the technician's calendar. */
@Controller()
export class SourceReleasedHandler {
  constructor(
    private readonly lifecycle: WorkOrderLifecycle,
    private readonly alerts: SlaAlerts,
  ) {}

  @EventPattern('installation.failed.v1')
  async onInstallationFailed(event: EventEnvelope<InstallationFailed>): Promise<void> {
    const installation = event.data;
    await this.lifecycle.release(
      { kind: 'installation', sourceId: installation.installationId, workOrderId: installation.workOrderId },
      'source-rescheduled',
      `installation failed: ${installation.reason}`,
    );
  }

  @EventPattern('installation.rescheduled.v1')
  async onInstallationRescheduled(event: EventEnvelope<InstallationRescheduled>): Promise<void> {
    const installation = event.data;
    await this.lifecycle.release(
      { kind: 'installation', sourceId: installation.installationId, workOrderId: installation.workOrderId },
      'source-rescheduled',
      `installation rescheduled: ${installation.reason}`,
    );
  }

  @EventPattern('repair.cancelled.v1')
  async onRepairCancelled(event: EventEnvelope<RepairCancelled>): Promise<void> {
    await this.lifecycle.release(
      { kind: 'repair', sourceId: event.data.ticketId },
      'source-cancelled',
      `repair cancelled by ${event.data.cancelledBy}: ${event.data.reason}`,
    );
    await this.alerts.closed(event.data.ticketId);
  }

  /** A repair ended by a warranty replacement frees its visit like a cancelled one. */
  @EventPattern('repair.replacement-approved.v1')
  async onRepairReplaced(event: EventEnvelope<RepairReplacementApproved>): Promise<void> {
    await this.lifecycle.release(
      { kind: 'repair', sourceId: event.data.ticketId },
      'source-cancelled',
      'repair replaced: the appliance is replaced under warranty',
    );
    await this.alerts.closed(event.data.ticketId);
  }
}
