import { Inject, Injectable } from '@nestjs/common';

import { EventEnvelope, WorkOrderAssigned, WorkOrderCancelled } from '@appliance-care/contracts';
import { BusinessRuleError, NotFoundError, ValidationFailedError } from '@appliance-care/kernel';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';

import { Actor } from '../domain/installation-job';
import { MaintenanceAnswer } from '../domain/maintenance-due.policy';
import { MaintenancePlanCatalogue } from '../domain/maintenance-plan.catalogue';
import * as schedule from '../domain/maintenance-schedule';
import { AttachedBy, MaintenanceScheduleState } from '../domain/maintenance-schedule';
import { CustomerRepository } from '../persistence/customer.repository';
import { MaintainedAppliance, MaintenanceRepository } from '../persistence/maintenance.repository';
import { MaintainedRef, MaintenanceEvents } from './maintenance-events';

/** What a step decides: the next state (unchanged: nothing is written) and the events written with it. */
interface Step {
  state: MaintenanceScheduleState;
  changed: boolean;
  events?: (appliance: MaintainedRef, next: MaintenanceScheduleState) => EventEnvelope[];
}

/** undefined: nothing to decide (an appliance without a schedule hears of a visit that is not its own) */
type Decide = (appliance: MaintainedAppliance, current: MaintenanceScheduleState | undefined) => Step | undefined;

/** Staff, the customer's channel, the sweeper and dispatch's events all change a schedule: a few more tries. */
const WRITE_ATTEMPTS = 10;

const refOf = (doc: MaintainedAppliance): MaintainedRef => ({
  applianceId: doc._id,
  customerId: doc.customerId,
  category: doc.category,
});

function required(id: string, state: MaintenanceScheduleState | undefined): MaintenanceScheduleState {
  if (!state) throw new NotFoundError('maintenance schedule of appliance', id);
  return state;
}

/**
 * The maintenance use cases. Each reads the appliance, asks the schedule (pure functions) for the
 * next state, and writes it with its events in one update conditional on the schedule's version.
 */
@Injectable()
export class MaintenanceSchedules {
  private readonly events: MaintenanceEvents;

  constructor(
    private readonly schedules: MaintenanceRepository,
    private readonly customers: CustomerRepository,
    @Inject(MaintenancePlanCatalogue) private readonly plans: MaintenancePlanCatalogue,
    factory: EventFactory,
  ) {
    this.events = new MaintenanceEvents(factory);
  }

  /** The appliance (404 unless registered), for the caller's owner check and the view. */
  async appliance(applianceId: string): Promise<MaintainedAppliance> {
    const doc = await this.schedules.find(applianceId);
    if (!doc) throw new NotFoundError('appliance', applianceId);
    return doc;
  }

  /** Staff attach (or change) an appliance's plan; the visits happen at the customer's address. */
  async attachPlan(applianceId: string, planId: string, by: Exclude<AttachedBy, 'registration'>) {
    const plan = this.plans.plan(planId);
    if (!plan)
      throw new ValidationFailedError(`unknown maintenance plan ${planId}`, [
        { field: 'planId', message: `must be one of ${this.plans.planIds().join(', ')}` },
      ]);
    const at = new Date().toISOString();
    const address = await this.addressOf(await this.appliance(applianceId));
    return this.advance(applianceId, (_doc, current) => {
      const step = current
        ? schedule.changePlan(applianceId, current, plan)
        : { state: schedule.attachSchedule(plan, address, at, by), changed: true };
      return {
        ...step,
        events: (ref, next) => [this.events.planAttached(ref, { ...next, attachedBy: by, attachedAt: at })],
      };
    });
  }

  optOut(applianceId: string) {
    const at = new Date().toISOString();
    return this.advance(applianceId, (_doc, current) => ({
      ...schedule.optOut(applianceId, required(applianceId, current)),
      events: (ref, next) => [this.events.optedOut(ref, next, at)],
    }));
  }

  optIn(applianceId: string) {
    const now = new Date();
    return this.advance(applianceId, (_doc, current) => ({
      ...schedule.optIn(required(applianceId, current), now),
      events: (ref, next) => [this.events.optedIn(ref, next, now.toISOString())],
    }));
  }

  /** One sweep's decisions for one appliance: request the visit, flag the cycle overdue, or both, in one write. */
  sweep(applianceId: string, now: Date) {
    return this.advance(applianceId, (_doc, current) => {
      if (!current) return undefined;
      const requested = schedule.requestVisit(current, now);
      const flagged = schedule.flagOverdue(requested.state, now);
      return {
        state: flagged.state,
        changed: requested.changed || flagged.changed,
        events: (ref, next) => [
          ...(flagged.changed ? [this.events.overdue(ref, next, now)] : []),
          ...(requested.changed ? [this.events.due(ref, next, now)] : []),
        ],
      };
    });
  }

  /** Dispatch booked (or moved) a maintenance visit: the schedule records it (sourceId = applianceId). */
  onAssigned(order: WorkOrderAssigned) {
    const { workOrderId, technicianId, technicianName, window } = order;
    return this.advance(
      order.sourceId,
      (_doc, current) =>
        current && schedule.recordBooking(current, { workOrderId, technicianId, technicianName, window }),
    );
  }

  /** The appointment was cancelled: the cycle is due again (the sweeper requests it again). */
  onCancelled(order: WorkOrderCancelled) {
    return this.advance(
      order.sourceId,
      (_doc, current) => current && schedule.releaseRequest(current, order.workOrderId),
    );
  }

  /** The booked technician completed the visit (another technician's: 404); staff complete it for the booked one. */
  async complete(workOrderId: string, actor: Actor, checklist: MaintenanceAnswer[]) {
    const found = await this.schedules.findByWorkOrder(workOrderId);
    if (!found) throw new NotFoundError('maintenance visit', workOrderId);
    const completedAt = new Date().toISOString();
    return this.advance(found._id, (_doc, current) => {
      const state = required(found._id, current);
      // staff complete the visit for the technician it is booked with; the schedule checks a technician's own
      const technicianId = actor.staff ? state.booking?.technicianId : actor.technicianId;
      if (!technicianId) throw new NotFoundError('maintenance visit', workOrderId);
      const step = schedule.completeVisit(found._id, state, { workOrderId, technicianId, completedAt, checklist });
      return {
        ...step,
        events: (ref, next) => [this.events.completed(ref, next, next.visits[next.visits.length - 1])],
      };
    });
  }

  private async addressOf(doc: MaintainedAppliance) {
    if (doc.maintenance) return doc.maintenance.address;
    const address = (await this.customers.find(doc.customerId))?.profile.address;
    if (!address)
      throw new BusinessRuleError(
        'no-address',
        `customer ${doc.customerId} has no address to service appliance ${doc._id} at`,
      );
    return address;
  }

  /** Load → decide → one write of the next schedule with its events, conditional on the version read. */
  private advance(applianceId: string, decide: Decide): Promise<MaintainedAppliance> {
    return untilWritten(
      `maintenance schedule ${applianceId}`,
      async () => {
        const doc = await this.appliance(applianceId);
        const step = decide(doc, doc.maintenance);
        if (!step?.changed) return doc;
        const events = step.events?.(refOf(doc), step.state) ?? [];
        if (!(await this.schedules.save(doc, step.state, events))) return CONFLICT;
        return { ...doc, maintenance: step.state, maintenanceVersion: (doc.maintenanceVersion ?? 0) + 1 };
      },
      { attempts: WRITE_ATTEMPTS },
    );
  }
}
