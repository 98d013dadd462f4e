import { InvalidTransitionError, NotFoundError, ValidationFailedError } from '@appliance-care/kernel';

import { MaintenancePlanCatalogue } from './maintenance-plan.catalogue';
import {
  attachSchedule,
  changePlan,
  completeVisit,
  flagOverdue,
  MaintenanceScheduleState,
  optIn,
  optOut,
  phaseOf,
  recordBooking,
  releaseRequest,
  requestVisit,
} from './maintenance-schedule';

const plans = MaintenancePlanCatalogue.load();
const address = { line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB', region: 'leeds' };
const boilerPlan = plans.planFor({ category: 'boiler' })!;
const booking = {
  workOrderId: 'WO-maintenance-A-1-1',
  technicianId: 'T-LDS-002',
  window: { from: '2027-02-20T09:00:00.000Z', to: '2027-02-20T10:30:00.000Z' },
};
const answers = boilerPlan.checklist.map((c) => ({ item: c.item, ok: true }));

const attached = () => attachSchedule(boilerPlan, address, '2026-03-01T09:00:00.000Z', 'registration');
const requested = (): MaintenanceScheduleState => requestVisit(attached(), new Date('2027-02-10T00:00:00.000Z')).state;

describe('maintenance plan catalogue (data/maintenance-plans.json)', () => {
  it.each([
    ['boiler', 'gas-safe', 12],
    ['air-conditioner', 'hvac', 6],
    ['heat-pump', 'hvac', 12],
    ['gas-cooker', 'gas-safe', 12],
  ])('%s: serviced by a %s technician every %i months', (category, skill, months) => {
    expect(plans.planFor({ category })).toMatchObject({ requiredSkill: skill, intervalMonths: months });
  });

  it('has no plan for an unlisted category, and finds plans by id', () => {
    expect(plans.planFor({ category: 'washing-machine' })).toBeUndefined();
    expect(plans.plan('boiler-annual-gas-safety')?.name).toBe('Annual gas-safety service');
  });

  it('prefers a sku plan over the category and refuses two plans under one id', () => {
    const base = { planId: 'p', name: 'n', intervalMonths: 6, requiredSkill: 's', durationMinutes: 30, leadDays: 7 };
    const checklist = [{ item: 'a', label: 'A' }];
    const data = {
      categories: { boiler: { ...base, checklist } },
      skus: { 'SKU-1': { ...base, planId: 'q', checklist } },
    };
    expect(MaintenancePlanCatalogue.from(data).planFor({ category: 'boiler', sku: 'sku-1' })?.planId).toBe('q');
    const clash = {
      categories: { boiler: { ...base, checklist } },
      skus: { x: { ...base, intervalMonths: 3, checklist } },
    };
    expect(() => MaintenancePlanCatalogue.from(clash)).toThrow(/two different definitions/);
  });
});

describe('maintenance schedule', () => {
  it('is due one interval after attachment', () => {
    expect(attached()).toMatchObject({ cycle: 1, dueAt: '2027-03-01T09:00:00.000Z', attempt: 0, status: 'active' });
    expect(phaseOf(attached())).toBe('waiting');
  });

  it('requests the visit once per cycle and flags it overdue once', () => {
    const first = requestVisit(attached(), new Date('2027-02-10T00:00:00.000Z'));
    expect(first.changed).toBe(true);
    expect(first.state).toMatchObject({ attempt: 1, requestedAt: '2027-02-10T00:00:00.000Z' });
    expect(requestVisit(first.state, new Date('2027-02-11T00:00:00.000Z')).changed).toBe(false);
    const late = flagOverdue(first.state, new Date('2027-03-02T00:00:00.000Z'));
    expect(late.changed).toBe(true);
    expect(flagOverdue(late.state, new Date('2027-03-03T00:00:00.000Z')).changed).toBe(false);
  });

  it('records the booking, and a cancelled appointment leaves the cycle due again (a new attempt)', () => {
    const booked = recordBooking(requested(), booking);
    expect(phaseOf(booked.state)).toBe('visit-booked');
    expect(recordBooking(booked.state, booking).changed).toBe(false);
    expect(recordBooking(attached(), booking).changed).toBe(false);
    expect(releaseRequest(booked.state, 'WO-other').changed).toBe(false);
    const released = releaseRequest(booked.state, booking.workOrderId).state;
    expect(phaseOf(released)).toBe('waiting');
    expect(requestVisit(released, new Date('2027-02-12T00:00:00.000Z')).state.attempt).toBe(2);
  });

  it('completes the booked visit only for its technician, with the checklist, due again one interval later', () => {
    const booked = recordBooking(requested(), booking).state;
    const visit = { workOrderId: booking.workOrderId, completedAt: '2027-02-20T10:00:00.000Z', checklist: answers };
    expect(() => completeVisit('A', booked, { ...visit, technicianId: 'T-other' })).toThrow(NotFoundError);
    expect(() => completeVisit('A', requested(), { ...visit, technicianId: 'T-LDS-002' })).toThrow(NotFoundError);
    expect(() =>
      completeVisit('A', booked, { ...visit, technicianId: 'T-LDS-002', checklist: answers.slice(1) }),
    ).toThrow(ValidationFailedError);
    const done = completeVisit('A', booked, { ...visit, technicianId: 'T-LDS-002' }).state;
    expect(done).toMatchObject({ cycle: 2, dueAt: '2028-02-20T10:00:00.000Z', lastCompletedAt: visit.completedAt });
    expect(done.requestedAt ?? done.booking ?? done.overdueAt).toBeUndefined();
    expect(done.visits).toEqual([{ ...visit, technicianId: 'T-LDS-002', cycle: 1 }]);
  });

  it('opts out (refused while a visit is requested) and back in, a past due date becoming now', () => {
    expect(() => optOut('A', requested())).toThrow(InvalidTransitionError);
    const out = optOut('A', attached()).state;
    expect(phaseOf(out)).toBe('opted-out');
    expect(requestVisit(out, new Date('2027-02-20T00:00:00.000Z')).changed).toBe(false);
    expect(optOut('A', out).changed).toBe(false);
    const back = optIn(out, new Date('2027-05-01T00:00:00.000Z')).state;
    expect(back).toMatchObject({ status: 'active', dueAt: '2027-05-01T00:00:00.000Z' });
    expect(optIn(back, new Date()).changed).toBe(false);
  });

  it('changes the plan from the last visit, not while a visit is requested', () => {
    const acPlan = plans.planFor({ category: 'air-conditioner' })!;
    expect(changePlan('A', attached(), acPlan).state.dueAt).toBe('2026-09-01T09:00:00.000Z');
    expect(changePlan('A', attached(), boilerPlan).changed).toBe(false);
    expect(() => changePlan('A', requested(), acPlan)).toThrow(InvalidTransitionError);
  });
});
