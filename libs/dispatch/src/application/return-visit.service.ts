import { Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, Part, RepairAwaitingParts, RepairPartsArrived } from '@appliance-care/contracts';

import { workOrderIdFor } from '../domain/work-order.state';
import { BOOKED, WAITING } from '../domain/work-order.state-machine';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';
import { WorkOrderLifecycle } from './work-order-lifecycle';

const listed = (parts: readonly Part[]) =>
  parts.map((part) => `${part.quantity}× ${part.name}`).join(', ') || 'none named';

/**
 * A repair that waits for parts, and its return visit. The visit that found the parts missing ends
 * (its booking keeps the time used, the board lists the order as awaiting parts); when the parts
 * arrive the return visit is a work order of its own, `WO-repair-<ticketId>-<n>` for the ticket's
 * n-th visit, so each visit keeps its own booking and history and a redelivered event finds the
 * order it created. It is booked with the technician who ordered the parts when they qualify and are
 * free within the search window, otherwise with the next qualified technician, otherwise it waits
 * (work-order.unassignable.v1) on the board like any order.
 */
@Injectable()
export class ReturnVisits {
  private readonly logger = new Logger(ReturnVisits.name);

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly assignment: AssignmentService,
    private readonly lifecycle: WorkOrderLifecycle,
  ) {}

  awaitingParts(waiting: RepairAwaitingParts): Promise<void> {
    const why = `awaiting parts (${listed(waiting.parts)}), expected ${waiting.expectedAt}`;
    return this.lifecycle.awaitingParts({ kind: 'repair', sourceId: waiting.ticketId }, why, Date.parse(waiting.at));
  }

  /** Books the return visit (once per event); the visit that waited for the parts is closed. Its id, if any. */
  async partsArrived(event: EventEnvelope<RepairPartsArrived>): Promise<string | undefined> {
    const arrived = event.data;
    const orders = (await this.workOrders.bySource('repair', arrived.ticketId)).sort((a, b) => b.attempt - a.attempt);
    const [latest] = orders;
    const again = latest?.sourceEventId === event.id ? latest : undefined;
    if (!again && latest && [...WAITING, ...BOOKED].includes(latest.status)) {
      this.logger.log(
        { ticketId: arrived.ticketId, workOrderId: latest._id },
        'parts arrived: a visit is open already',
      );
      return undefined;
    }
    const created = again ? undefined : await this.create(event, latest);
    const id = again?._id ?? (created?.doc._id as string);
    const preferred = arrived.previousTechnicianId ?? latest?.technicianId;
    // also on a redelivery: the first delivery may have stopped between creating and booking
    await this.assignment.assign(id, created?.inserted ? created.doc : undefined, preferred);
    for (const visit of orders.filter((order) => order.status === 'awaiting-parts'))
      await this.lifecycle.closeForReturn(visit._id, id);
    return id;
  }

  private async create(
    event: EventEnvelope<RepairPartsArrived>,
    latest: WorkOrderDocument | undefined,
  ): Promise<{ doc: WorkOrderDocument; inserted: boolean }> {
    const arrived = event.data;
    const attempt = (latest?.attempt ?? 0) + 1;
    const id = workOrderIdFor('repair', arrived.ticketId, attempt);
    const at = new Date().toISOString();
    const doc: WorkOrderDocument = {
      _id: id,
      workOrderId: id,
      kind: 'repair',
      sourceId: arrived.ticketId,
      attempt,
      sourceEventId: event.id,
      correlationId: event.correlationid ?? latest?.correlationId,
      applianceId: arrived.applianceId,
      customerId: arrived.customerId,
      address: arrived.address ?? latest?.address,
      summary: `${latest?.summary ?? 'repair'} (return visit with the parts: ${listed(arrived.parts)})`,
      severity: latest?.severity,
      requiredSkill: arrived.requiredSkill,
      region: arrived.region,
      durationMinutes: arrived.durationMinutes,
      priority: arrived.priority,
      dueBy: arrived.slaDueAt,
      status: 'pending',
      declinedBy: [],
      releasedBookingIds: [],
      version: 0,
      history: [{ at, action: 'created', reason: 'return visit: the parts arrived' }],
      createdAt: at,
      updatedAt: at,
    };
    return { doc, inserted: await this.workOrders.createOnce(doc) };
  }
}
