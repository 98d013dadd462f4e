import { InvalidTransitionError } from '@appliance-care/kernel';

import { cancelling, RESCHEDULED, rescheduling } from './appointment-change.policy';
import { WorkOrder } from './work-order';
import { AppointmentChange, Assignment, WorkOrderState } from './work-order.state';

const AT = '2026-11-30T09:00:00.000Z';
const byCustomer: AppointmentChange = { by: 'customer', via: 'link', at: AT };

const waiting = (over: Partial<WorkOrderState> = {}): WorkOrderState => ({
  workOrderId: 'WO-installation-I-1-1',
  kind: 'installation',
  sourceId: 'I-1',
  attempt: 1,
  sourceEventId: 'evt-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  summary: 'install hob',
  requiredSkill: 'gas-safe',
  region: 'london',
  durationMinutes: 60,
  priority: 'normal',
  createdAt: '2026-11-30T08:00:00.000Z',
  status: 'pending',
  declinedBy: [],
  releasedBookingIds: [],
  history: [{ at: '2026-11-30T08:00:00.000Z', action: 'created' }],
  version: 0,
  updatedAt: '2026-11-30T08:00:00.000Z',
  ...over,
});

const slotOf = (technicianId: string, bookingId: string, from = '2026-12-01T08:00:00.000Z'): Assignment => ({
  technicianId,
  technicianName: `Tech ${technicianId}`,
  bookingId,
  window: { from, to: new Date(Date.parse(from) + 3_600_000).toISOString() },
  day: from.slice(0, 10),
  reason: 'placed by hand at … (qualified)',
});

const bookedWith = (technicianId: string): WorkOrder => {
  const order = WorkOrder.restore(waiting());
  order.assign(slotOf(technicianId, `b-${technicianId}`), AT);
  return WorkOrder.restore(order.state);
};

describe('moving an appointment', () => {
  it('to another technician: the new booking, the record of the move, and the previous technician released', () => {
    const order = bookedWith('T-1');
    order.take(rescheduling(order, slotOf('T-2', 'b-2', '2026-12-02T10:00:00.000Z'), byCustomer), AT);
    expect(order.state).toMatchObject({
      status: 'assigned',
      technicianId: 'T-2',
      bookingId: 'b-2',
      window: { from: '2026-12-02T10:00:00.000Z' },
      reason: RESCHEDULED,
      releasedBookingIds: ['b-T-1'],
    });
    expect(order.state.history.at(-1)).toMatchObject({ action: 'rescheduled', technicianId: 'T-2' });
    expect(order.state.history.at(-1)?.reason).toBe('moved from 2026-12-01T08:00:00.000Z by the customer via link');
    expect(order.events).toEqual([
      expect.objectContaining({
        type: 'work-order.released.v1',
        reason: 'reassigned',
        held: expect.objectContaining({ technicianId: 'T-1' }),
      }),
      expect.objectContaining({
        type: 'work-order.assigned.v1',
        previousTechnicianId: 'T-1',
        assignment: expect.objectContaining({ reason: RESCHEDULED }),
      }),
      expect.objectContaining({
        type: 'work-order.rescheduled.v1',
        change: byCustomer,
        previous: expect.objectContaining({ bookingId: 'b-T-1' }),
      }),
    ]);
  });

  it('with the same technician: nobody is released', () => {
    const order = bookedWith('T-1');
    order.take(rescheduling(order, slotOf('T-1', 'b-3', '2026-12-02T10:00:00.000Z'), byCustomer), AT);
    expect(order.events.map((e) => e.type)).toEqual(['work-order.assigned.v1', 'work-order.rescheduled.v1']);
  });

  it('of a waiting order: its first booking, without a previous one to record', () => {
    const order = WorkOrder.restore(waiting({ status: 'unassignable' }));
    order.take(rescheduling(order, slotOf('T-1', 'b-1'), byCustomer), AT);
    expect(order.events).toEqual([
      expect.objectContaining({ type: 'work-order.assigned.v1', previousTechnicianId: undefined }),
    ]);
    expect(order.state.reason).toBe('placed by hand at … (qualified)');
  });

  it('is refused once started or closed, naming the status', () => {
    const started = WorkOrder.restore({ ...bookedWith('T-1').state, status: 'in-progress' });
    expect(() => rescheduling(started, slotOf('T-2', 'b-2'), byCustomer)).toThrow(
      new InvalidTransitionError('work order', started.id, 'in-progress', 'be rescheduled'),
    );
  });
});

describe('cancelling an appointment', () => {
  it('cancels a booked order, keeps the booking as its record and announces it with the booking', () => {
    const order = bookedWith('T-1');
    order.take(cancelling(order, 'moving house', { ...byCustomer, via: 'api' }), AT);
    expect(order.state).toMatchObject({ status: 'cancelled', technicianId: 'T-1', releasedBookingIds: ['b-T-1'] });
    expect(order.state.history.at(-1)).toMatchObject({
      action: 'cancelled',
      reason: 'cancelled by the customer via api: moving house',
    });
    expect(order.events).toEqual([
      expect.objectContaining({
        type: 'work-order.cancelled.v1',
        reason: 'moving house',
        held: expect.objectContaining({ bookingId: 'b-T-1' }),
      }),
    ]);
  });

  it('cancels a waiting order, which holds no booking', () => {
    const order = WorkOrder.restore(waiting());
    order.take(cancelling(order, 'no longer needed', byCustomer), AT);
    expect(order.events).toEqual([expect.objectContaining({ type: 'work-order.cancelled.v1', held: undefined })]);
  });

  it('is refused once started, or again', () => {
    const started = WorkOrder.restore({ ...bookedWith('T-1').state, status: 'in-progress' });
    expect(() => cancelling(started, 'x', byCustomer)).toThrow(InvalidTransitionError);
    const order = bookedWith('T-1');
    order.take(cancelling(order, 'x', byCustomer), AT);
    expect(() => cancelling(WorkOrder.restore(order.state), 'x', byCustomer)).toThrow(
      new InvalidTransitionError('work order', order.id, 'cancelled', 'be cancelled'),
    );
  });
});
