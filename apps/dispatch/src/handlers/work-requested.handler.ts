import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import {
  DiagnosisVisitRequested,
  EventEnvelope,
  InstallationRequested,
  RepairTicketOpened,
} from '@appliance-care/contracts';
import { WorkOrderIntake } from '@appliance-care/dispatch';

/** Installations, diagnostic visits and repairs asking for a technician: each becomes a work order. */
@Controller()
export class WorkRequestedHandler {
  constructor(private readonly intake: WorkOrderIntake) {}

  @EventPattern('installation.requested.v1')
  async onInstallation(event: EventEnvelope<InstallationRequested>): Promise<void> {
    await this.intake.fromInstallation(event);
  }

  @EventPattern('diagnosis.visit-requested.v1')
  async onDiagnosisVisit(event: EventEnvelope<DiagnosisVisitRequested>): Promise<void> {
    await this.intake.fromDiagnosisVisit(event);
  }

  @EventPattern('repair.ticket-opened.v1')
  async onRepairTicket(event: EventEnvelope<RepairTicketOpened>): Promise<void> {
    await this.intake.fromRepairTicket(event);
  }
}
