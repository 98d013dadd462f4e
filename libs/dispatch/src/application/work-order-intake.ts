import { Injectable } from '@nestjs/common';

import {
  DiagnosisVisitRequested,
  EventEnvelope,
  InstallationRequested,
  MaintenanceDue,
  RepairTicketOpened,
} from '@appliance-care/contracts';

import { workOrderIdFor, WorkOrderState } from '../domain/work-order.state';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';

type NewWorkOrder = Omit<
  WorkOrderState,
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

/** What every request for a visit carries under the same names: whose appliance, where, which skill, how long. */
type VisitRequest = Pick<
  NewWorkOrder,
  'applianceId' | 'customerId' | 'address' | 'requiredSkill' | 'region' | 'durationMinutes' | 'priority'
>;

const visitOf = (request: VisitRequest): VisitRequest => ({
  applianceId: request.applianceId,
  customerId: request.customerId,
  address: request.address,
  requiredSkill: request.requiredSkill,
  region: request.region,
  durationMinutes: request.durationMinutes,
  priority: request.priority,
});

/** Turns requests from the owning services into work orders (once per source event) and books them. */
@Injectable()
export class WorkOrderIntake {
  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly assignment: AssignmentService,
  ) {}

  fromInstallation(event: EventEnvelope<InstallationRequested>): Promise<string> {
    const request = event.data;
    return this.accept(event, {
      kind: 'installation',
      sourceId: request.installationId,
      attempt: request.attempt,
      ...visitOf(request),
      preferredWindow: request.preferredWindow,
      summary: `install ${request.category}${request.attempt > 1 ? ` (attempt ${request.attempt})` : ''}`,
    });
  }

  /** A planned maintenance visit: one work order per request of the schedule (attempt), in a window around the due date. */
  fromMaintenance(event: EventEnvelope<MaintenanceDue>): Promise<string> {
    const request = event.data;
    return this.accept(event, {
      kind: 'maintenance',
      sourceId: request.applianceId,
      attempt: request.attempt,
      ...visitOf(request),
      preferredWindow: request.preferredWindow,
      summary: `${request.planName} (${request.category})`,
    });
  }

  fromDiagnosisVisit(event: EventEnvelope<DiagnosisVisitRequested>): Promise<string> {
    const request = event.data;
    const suspected = request.suspectedFaults[0];
    return this.accept(event, {
      kind: 'diagnostic-visit',
      sourceId: request.caseId,
      attempt: 1,
      ...visitOf(request),
      severity: request.severity,
      dueBy: request.dueBy,
      summary: `diagnose ${request.category}${suspected ? `: ${suspected.description}` : ''}`,
    });
  }

  fromRepairTicket(event: EventEnvelope<RepairTicketOpened>): Promise<string> {
    const ticket = event.data;
    return this.accept(event, {
      kind: 'repair',
      sourceId: ticket.ticketId,
      attempt: 1,
      ...visitOf(ticket),
      severity: ticket.severity,
      dueBy: ticket.slaDueAt,
      summary: `repair ${ticket.category}${ticket.faults[0] ? `: ${ticket.faults[0].description}` : ''}`,
    });
  }

  private async accept(cause: EventEnvelope, order: NewWorkOrder): Promise<string> {
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
      sourceEventId: cause.id,
      correlationId: cause.correlationid,
    };
    const created = await this.workOrders.createOnce(doc);
    // also on a redelivery: the first delivery may have stopped between creating and booking
    await this.assignment.assign(id, created ? doc : undefined);
    return id;
  }
}
