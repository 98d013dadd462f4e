import { Injectable } from '@nestjs/common';

import {
  DiagnosisVisitRequested,
  EventEnvelope,
  InstallationRequested,
  RepairTicketOpened,
} from '@appliance-care/contracts';

import { workOrderIdFor } from '../domain/work-order';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';

type NewWorkOrder = Omit<
  WorkOrderDocument,
  | '_id'
  | 'workOrderId'
  | 'status'
  | 'declinedBy'
  | 'releasedBookingIds'
  | 'history'
  | 'version'
  | 'updatedAt'
  | 'createdAt'
  | 'sourceEventId'
  | 'correlationId'
>;

/** Turns requests from the owning services into work orders (once per source event) and books them. */
@Injectable()
export class WorkOrderIntake {
  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly assignment: AssignmentService,
  ) {}

  fromInstallation(e: EventEnvelope<InstallationRequested>): Promise<string> {
    const d = e.data;
    return this.accept(e, {
      kind: 'installation',
      sourceId: d.installationId,
      attempt: d.attempt,
      applianceId: d.applianceId,
      customerId: d.customerId,
      address: d.address,
      requiredSkill: d.requiredSkill,
      region: d.region,
      durationMinutes: d.durationMinutes,
      priority: d.priority,
      preferredWindow: d.preferredWindow,
      summary: `install ${d.category}${d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}`,
    });
  }

  fromDiagnosisVisit(e: EventEnvelope<DiagnosisVisitRequested>): Promise<string> {
    const d = e.data;
    return this.accept(e, {
      kind: 'diagnostic-visit',
      sourceId: d.caseId,
      attempt: 1,
      applianceId: d.applianceId,
      customerId: d.customerId,
      address: d.address,
      requiredSkill: d.requiredSkill,
      region: d.region,
      durationMinutes: d.durationMinutes,
      priority: d.priority,
      severity: d.severity,
      dueBy: d.dueBy,
      summary: `diagnose ${d.category}${d.suspectedFaults[0] ? `: ${d.suspectedFaults[0].description}` : ''}`,
    });
  }

  fromRepairTicket(e: EventEnvelope<RepairTicketOpened>): Promise<string> {
    const d = e.data;
    return this.accept(e, {
      kind: 'repair',
      sourceId: d.ticketId,
      attempt: 1,
      applianceId: d.applianceId,
      customerId: d.customerId,
      address: d.address,
      requiredSkill: d.requiredSkill,
      region: d.region,
      durationMinutes: d.durationMinutes,
      priority: d.priority,
      severity: d.severity,
      dueBy: d.slaDueAt,
      summary: `repair ${d.category}${d.faults[0] ? `: ${d.faults[0].description}` : ''}`,
    });
  }

  private async accept(e: EventEnvelope, order: NewWorkOrder): Promise<string> {
    const id = workOrderIdFor(order.kind, order.sourceId, order.attempt);
    const at = new Date().toISOString();
    const doc: WorkOrderDocument = {
      ...order,
      _id: id,
      workOrderId: id,
      status: 'pending',
      declinedBy: [],
      releasedBookingIds: [],
      version: 0,
      history: [{ at, action: 'created' }],
      createdAt: at,
      updatedAt: at,
      sourceEventId: e.id,
      correlationId: e.correlationid,
    };
    const created = await this.workOrders.createOnce(doc);
    // also on a redelivery: the first delivery may have stopped between creating and booking
    await this.assignment.assign(id, created ? doc : undefined);
    return id;
  }
}
