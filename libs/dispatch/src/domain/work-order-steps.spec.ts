import { InvalidTransitionError } from '@appliance-care/kernel';

import { WorkOrder } from './work-order';
import { accepting, awaitingParts, closingForReturn, headingOut, ticketCarriesIt } from './work-order-steps';
import { WorkOrderState } from './work-order.state';
import { BOOKED, WorkOrderStateMachine } from './work-order.state-machine';

const AT = '2026-11-30T09:00:00.000Z';
const WINDOW = { from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T09:00:00.000Z' };

const booked = (over: Partial<WorkOrderState> = {}): WorkOrderState => ({
  workOrderId: 'WO-installation-I-1-1',
  kind: 'installation',
  sourceId: 'I-1',
  attempt: 1,
  sourceEventId: 'evt-1',
  applianceId: 'A-1',
  summary: 'install gas-hob',
  requiredSkill: 'gas-safe',
  region: 'london',
  durationMinutes: 60,
  priority: 'normal',
  createdAt: '2026-11-30T08:00:00.000Z',
  status: 'assigned',
  technicianId: 'T-1',
  technicianName: 'Tech T-1',
  window: WINDOW,
  bookingId: 'b-1',
  day: '2026-12-01',
  declinedBy: [],
  releasedBookingIds: [],
  history: [],
  version: 3,
  updatedAt: '2026-11-30T08:00:00.000Z',
  ...over,
});

const held = { technicianId: 'T-1', bookingId: 'b-1', window: WINDOW, day: '2026-12-01' };

describe('a technician’s steps on a work order', () => {
  it('accepts a booked order, then goes en route with an ETA; both still hold the booking', () => {
    const order = WorkOrder.restore(booked());
    order.take(accepting(order, AT), AT);
    expect(order.state).toMatchObject({ status: 'accepted', version: 4, bookingId: 'b-1' });
    expect(order.state.history.at(-1)).toMatchObject({ action: 'accepted', technicianId: 'T-1' });
    expect(order.events).toEqual([{ type: 'work-order.accepted.v1', held, at: AT }]);

    const onTheWay = WorkOrder.restore(order.state);
    onTheWay.take(headingOut(onTheWay, '2026-12-01T08:10:00.000Z', AT), AT);
    expect(onTheWay.state.status).toBe('en-route');
    expect(onTheWay.state.history.at(-1)).toMatchObject({
      action: 'en-route',
      reason: 'on the way, expected 2026-12-01T08:10:00.000Z',
    });
    expect(onTheWay.events).toEqual([
      { type: 'work-order.en-route.v1', held, technicianName: 'Tech T-1', eta: '2026-12-01T08:10:00.000Z', at: AT },
    ]);
    expect(BOOKED).toEqual(expect.arrayContaining(['accepted', 'en-route']));
  });

  it('refuses a step out of order with the state named (409)', () => {
    const assigned = WorkOrder.restore(booked());
    expect(() => headingOut(assigned, AT, AT)).toThrow(
      new InvalidTransitionError('work order', 'WO-installation-I-1-1', 'assigned', 'be marked en route'),
    );
    const accepted = WorkOrder.restore(booked({ status: 'accepted' }));
    expect(() => accepting(accepted, AT)).toThrow(InvalidTransitionError);
    expect(() => accepting(WorkOrder.restore(booked({ status: 'unassignable' })), AT)).toThrow(
      new InvalidTransitionError('work order', 'WO-installation-I-1-1', 'unassignable', 'be accepted'),
    );
  });

  it('starts, declines and moves an accepted or en-route order as a booked one', () => {
    for (const status of ['accepted', 'en-route'] as const) {
      expect(WorkOrderStateMachine.next('WO', status, 'start')).toBe('in-progress');
      expect(WorkOrderStateMachine.next('WO', status, 'reassign')).toBe('assigned');
      expect(WorkOrderStateMachine.next('WO', status, 'unbook')).toBe('unassignable');
      expect(WorkOrderStateMachine.next('WO', status, 'cancel')).toBe('cancelled');
    }
    expect(WorkOrderStateMachine.next('WO', 'accepted', 'decline')).toBe('assigned');
    expect(WorkOrderStateMachine.can('en-route', 'decline')).toBe(false);
  });

  it('sends a repair’s steps to its ticket, naming the endpoint', () => {
    const repair = booked({ kind: 'repair', sourceId: 'RT-9', workOrderId: 'WO-repair-RT-9-1' });
    expect(ticketCarriesIt(repair, 'accept')).toMatchObject({
      status: 409,
      code: 'ticket-carries-it',
      message:
        "work order WO-repair-RT-9-1 is a repair: accept it on its ticket with repairs' POST /api/v1/tickets/RT-9/accept",
      details: { currentState: 'assigned', ticketId: 'RT-9', endpoint: 'POST /api/v1/tickets/RT-9/accept' },
    });
    expect(ticketCarriesIt(booked(), 'accept')).toBeUndefined();
  });

  it('ends a repair visit waiting for parts, and closes it when the return visit is booked', () => {
    const repair = WorkOrder.restore(booked({ kind: 'repair', status: 'in-progress' }));
    const visit = { from: WINDOW.from, to: '2026-12-01T08:40:00.000Z' };
    repair.take(awaitingParts(repair, visit, 'awaiting parts (1× Pump)'), AT);
    expect(repair.state).toMatchObject({ status: 'awaiting-parts', window: visit, reason: 'awaiting parts (1× Pump)' });
    expect(repair.events).toEqual([]);
    expect(BOOKED).not.toContain('awaiting-parts');

    const closed = WorkOrder.restore(repair.state);
    closed.take(closingForReturn(closed, 'WO-repair-I-1-2'), AT);
    expect(closed.state.status).toBe('done');
    expect(closed.state.history.at(-1)).toMatchObject({
      action: 'done',
      reason: 'parts arrived: the return visit is work order WO-repair-I-1-2',
    });
    expect(() => closingForReturn(WorkOrder.restore(closed.state), 'x')).toThrow(InvalidTransitionError);
  });
});
