import { Inject, Injectable } from '@nestjs/common';

import { byUrgency, deadlineOf } from '../domain/demand';
import { SlaAlertRepository } from '../persistence/sla-alert.repository';
import { SlaAlertDocument } from '../persistence/sla-alert.schema';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { DispatchBoard, TicketAtRisk, toView } from './dispatch.views';
import { WorkOrderQueries } from './work-order.queries';

/** Closed for good: a ticket whose current order is one of these is no longer the dispatcher's worry. */
const CLOSED = ['done', 'cancelled'];

/**
 * GET /board: WorkOrderQueries' board (what waits, with why, and what is due soon and not started),
 * with the orders a technician accepted or is on the way to among the due soon, the repair tickets
 * repairs flagged (SLA at risk or breached) and the repair visits that ended waiting for parts.
 */
@Injectable()
export class DispatchBoardQueries {
  constructor(
    private readonly queries: WorkOrderQueries,
    private readonly workOrders: WorkOrderRepository,
    private readonly alerts: SlaAlertRepository,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  async board(withinHours = this.settings.atRiskHours, now = Date.now()): Promise<DispatchBoard> {
    const [base, onTheirWay, awaitingParts, ticketsAtRisk] = await Promise.all([
      this.queries.board(withinHours, now),
      this.workOrders.withStatus(['accepted', 'en-route']),
      this.workOrders.withStatus(['awaiting-parts']),
      this.ticketsAtRisk(),
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
    };
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
