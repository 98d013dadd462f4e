import { Injectable } from '@nestjs/common';

import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { WorkOrder } from '../domain/work-order';
import { accepting, headingOut, TechnicianStepName, ticketCarriesIt, WorkOrderStep } from '../domain/work-order-steps';
import { WorkOrderStateMachine } from '../domain/work-order.state-machine';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AssignmentService } from './assignment.service';
import { WorkOrderEvents } from './work-order.events';

/** Who acts: the technician holding the order, or an admin on their behalf (technicianId undefined). */
export interface StepActor {
  technicianId?: string;
}

const now = () => new Date().toISOString();

/**
 * The technician's own steps on an installation or a diagnostic visit, as repairs has them on a
 * ticket: accept, decline (the next qualified technician is booked, or the order waits), on the way
 * with an ETA. Someone else's order is not found (404, before its state is looked at); a repair's
 * steps are its ticket's (409 naming the endpoint); a step the state refuses is 409.
 */
@Injectable()
export class TechnicianProgress {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly assignment: AssignmentService,
    factory: EventFactory,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  accept(workOrderId: string, actor: StepActor): Promise<WorkOrderDocument> {
    return this.step(workOrderId, actor, 'accept', (order) => accepting(order, now()));
  }

  enRoute(workOrderId: string, actor: StepActor, eta: string): Promise<WorkOrderDocument> {
    return this.step(workOrderId, actor, 'en-route', (order) => headingOut(order, eta, now()));
  }

  /** Published as work-order.declined.v1 in the write that books the next technician (or lets it wait). */
  async decline(workOrderId: string, actor: StepActor, reason: string): Promise<WorkOrderDocument> {
    const stored = await this.held(workOrderId, actor, 'decline');
    WorkOrderStateMachine.next(workOrderId, stored.status, 'decline');
    const decliner = stored.technicianId as string;
    const note = `declined by ${decliner}: ${reason}`;
    return this.assignment.reassign(workOrderId, { cause: 'declined', decliner, note, declineReason: reason });
  }

  private step(
    workOrderId: string,
    actor: StepActor,
    name: TechnicianStepName,
    decide: (order: WorkOrder) => WorkOrderStep,
  ): Promise<WorkOrderDocument> {
    return untilWritten(`work order ${workOrderId}`, async () => {
      const stored = await this.held(workOrderId, actor, name);
      const order = WorkOrder.restore(stored);
      order.take(decide(order), now());
      if (!(await this.workOrders.save(order, this.events.of(order)))) return CONFLICT;
      return (await this.workOrders.get(workOrderId)) ?? stored;
    });
  }

  /** The order if the actor may act on it: someone else's is not found; a repair's step is its ticket's. */
  private async held(workOrderId: string, actor: StepActor, name: TechnicianStepName): Promise<WorkOrderDocument> {
    const stored = await this.workOrders.get(workOrderId);
    if (!stored || (actor.technicianId !== undefined && stored.technicianId !== actor.technicianId))
      throw new NotFoundError('work order', workOrderId);
    const refusal = ticketCarriesIt(stored, name);
    if (refusal) throw refusal;
    return stored;
  }
}
