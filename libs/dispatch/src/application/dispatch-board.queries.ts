import { Inject, Injectable } from '@nestjs/common';

import { byUrgency, deadlineOf } from '../domain/demand';
import { MaintenanceOverdueRepository } from '../persistence/maintenance-overdue.repository';
import { MaintenanceOverdueDocument } from '../persistence/maintenance-overdue.schema';
import { SlaAlertRepository } from '../persistence/sla-alert.repository';
import { SlaAlertDocument } from '../persistence/sla-alert.schema';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { DispatchBoard, MaintenanceOverdueView, TicketAtRisk, toView } from './dispatch.views';
import { WorkOrderQueries } from './work-order.queries';

/** Closed for good: a ticket whose current order is one of these is no longer the dispatcher's worry. */
const CLOSED = ['done', 'cancelled'];

/**
 * GET /board: WorkOrderQueries' board (what waits, with why, and what is due soon and not started),
 * with the orders a technician accepted or is on the way to among the due soon, the repair tickets
 * repairs flagged (SLA at risk or breached), the repair visits that ended waiting for parts, and the
 * appliances whose planned maintenance is overdue.
 */
@Injectable()
export class DispatchBoardQueries {
  constructor(
    private readonly queries: WorkOrderQueries,
    private readonly workOrders: WorkOrderRepository,
    private readonly alerts: SlaAlertRepository,
    private readonly overdue: MaintenanceOverdueRepository,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  async board(withinHours = this.settings.atRiskHours, now = Date.now()): Promise<DispatchBoard> {
    const [base, onTheirWay, awaitingParts, ticketsAtRisk, maintenanceOverdue] = await Promise.all([
      this.queries.board(withinHours, now),
      this.workOrders.withStatus(['accepted', 'en-route']),
      this.workOrders.withStatus(['awaiting-parts']),
      this.ticketsAtRisk(),
      this.maintenanceOverdue(),
    ]);
    const limit = now + withinHours * 3_600_000;
    const dueSoon = onTheirWay
      .filter((order) => (deadlineOf(order) ?? Infinity) <= limit)
      .map((order) => {
        const due = deadlineOf(order) as number;
        return { ...toView(order), dueAt: new Date(due).toISOString(), overdue: due < now };
      });
    return {
      ...base,
      atRisk: [...base.atRisk, ...dueSoon].sort(byUrgency),
      ticketsAtRisk,
      awaitingParts: awaitingParts.sort(byUrgency).map(toView),
      maintenanceOverdue,
    };
  }

  /** The open overdue flags, each with the appliance's latest maintenance work order if it is still open. */
  private async maintenanceOverdue(): Promise<MaintenanceOverdueView[]> {
    const flags = await this.overdue.open();
    const rows = await Promise.all(
      flags.map(async (flag) => {
        const orders = await this.workOrders.bySource('maintenance', flag.applianceId);
        const current = orders.sort((a, b) => b.attempt - a.attempt)[0];
        return overdueRow(flag, current && !CLOSED.includes(current.status) ? current : undefined);
      }),
    );
    return rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.applianceId.localeCompare(b.applianceId));
  }

  /** The open alerts with each ticket's current work order (the latest attempt: a return visit after parts). */
  private async ticketsAtRisk(): Promise<TicketAtRisk[]> {
    const alerts = await this.alerts.open();
    const rows = await Promise.all(
      alerts.map(async (alert) => {
        const orders = await this.workOrders.bySource('repair', alert.ticketId);
        const current = orders.sort((a, b) => b.attempt - a.attempt)[0];
        return current && CLOSED.includes(current.status) ? [] : [ticketAtRisk(alert, current)];
      }),
    );
    return rows.flat().sort((a, b) => Number(b.breached) - Number(a.breached) || a.slaDueAt.localeCompare(b.slaDueAt));
  }
}

function ticketAtRisk(alert: SlaAlertDocument, order: WorkOrderDocument | undefined): TicketAtRisk {
  return {
    ticketId: alert.ticketId,
    workOrderId: order?._id,
    status: order?.status,
    slaDueAt: alert.slaDueAt,
    priority: alert.priority,
    breached: alert.breachedAt !== undefined,
    atRiskAt: alert.atRiskAt,
    breachedAt: alert.breachedAt,
    technicianId: order?.technicianId ?? alert.technicianId,
    technicianName: order?.technicianName,
    window: order?.window,
    region: alert.region ?? order?.region,
  };
}

function overdueRow(flag: MaintenanceOverdueDocument, order: WorkOrderDocument | undefined): MaintenanceOverdueView {
  const { applianceId, customerId, planId, planName, cycle, dueAt, overdueAt, region } = flag;
  return {
    applianceId,
    customerId,
    planId,
    planName,
    cycle,
    dueAt,
    overdueAt,
    region,
    workOrderId: order?._id,
    status: order?.status,
    technicianId: order?.technicianId,
    window: order?.window,
  };
}
