import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { visitWindow } from '../domain/maintenance-due.policy';
import { CompletedMaintenanceVisit, MaintenanceScheduleState } from '../domain/maintenance-schedule';

/** The appliance a schedule belongs to, as its events name it. */
export interface MaintainedRef {
  applianceId: string;
  customerId: string;
  category: string;
}

const refOf = (appliance: MaintainedRef, state: MaintenanceScheduleState) => ({
  applianceId: appliance.applianceId,
  customerId: appliance.customerId,
  planId: state.plan.planId,
  planName: state.plan.name,
});

/** The maintenance events, each keyed (and subject) by its appliance. */
export class MaintenanceEvents {
  constructor(private readonly factory: EventFactory) {}

  planAttached(appliance: MaintainedRef, state: MaintenanceScheduleState): EventEnvelope {
    return this.factory.create(
      'maintenance.plan-attached.v1',
      {
        ...refOf(appliance, state),
        intervalMonths: state.plan.intervalMonths,
        dueAt: state.dueAt,
        attachedBy: state.attachedBy,
        attachedAt: state.attachedAt,
      },
      { subject: appliance.applianceId },
    );
  }

  /** The visit request of the state's current attempt (requestVisit set it). */
  due(appliance: MaintainedRef, state: MaintenanceScheduleState, now: Date): EventEnvelope {
    return this.factory.create(
      'maintenance.due.v1',
      {
        ...refOf(appliance, state),
        category: appliance.category,
        cycle: state.cycle,
        attempt: state.attempt,
        dueAt: state.dueAt,
        requiredSkill: state.plan.requiredSkill,
        durationMinutes: state.plan.durationMinutes,
        priority: state.overdueAt ? 'high' : 'normal',
        region: state.address.region,
        address: state.address,
        preferredWindow: visitWindow(state, now),
        checklist: state.plan.checklist.map((c) => c.item),
        requestedAt: now.toISOString(),
      },
      { subject: appliance.applianceId },
    );
  }

  overdue(appliance: MaintainedRef, state: MaintenanceScheduleState, now: Date): EventEnvelope {
    return this.factory.create(
      'maintenance.overdue.v1',
      {
        ...refOf(appliance, state),
        cycle: state.cycle,
        dueAt: state.dueAt,
        region: state.address.region,
        workOrderId: state.booking?.workOrderId,
        overdueAt: now.toISOString(),
      },
      { subject: appliance.applianceId },
    );
  }

  completed(
    appliance: MaintainedRef,
    state: MaintenanceScheduleState,
    visit: CompletedMaintenanceVisit,
  ): EventEnvelope {
    return this.factory.create(
      'maintenance.completed.v1',
      { ...refOf(appliance, state), ...visit, nextDueAt: state.dueAt },
      { subject: appliance.applianceId },
    );
  }

  optedOut(appliance: MaintainedRef, state: MaintenanceScheduleState, at: string): EventEnvelope {
    return this.factory.create(
      'maintenance.opted-out.v1',
      { ...refOf(appliance, state), optedOutAt: at },
      { subject: appliance.applianceId },
    );
  }

  optedIn(appliance: MaintainedRef, state: MaintenanceScheduleState, at: string): EventEnvelope {
    return this.factory.create(
      'maintenance.opted-in.v1',
      { ...refOf(appliance, state), dueAt: state.dueAt, optedInAt: at },
      { subject: appliance.applianceId },
    );
  }
}
