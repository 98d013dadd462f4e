import { InvalidTransitionError } from '@appliance-care/kernel';

import { WorkOrder } from './work-order';
import { Assignment, WorkOrderState } from './work-order.state';

const AT = '2026-11-30T09:00:00.000Z';

const waiting = (over: Partial<WorkOrderState> = {}): WorkOrderState => ({
  workOrderId: 'WO-repair-TKT-1-1',
  kind: 'repair',
  sourceId: 'TKT-1',
  attempt: 1,
  sourceEventId: 'evt-1',
  applianceId: 'A-1',
  summary: 'repair fridge',
  requiredSkill: 'appliance-general',
  region: 'leeds',
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

const slot = (technicianId: string, bookingId: string): Assignment => ({
  technicianId,
  technicianName: `Tech ${technicianId}`,
  bookingId,
  window: { from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T09:00:00.000Z' },
  day: '2026-12-01',
  reason: 'earliest slot 2026-12-01T08:00Z',
});

const booked = (technicianId = 'T-1', over: Partial<WorkOrderState> = {}): WorkOrderState => {
  const order = WorkOrder.restore(waiting());
  order.assign(slot(technicianId, `b-${technicianId}`), AT);
  return { ...order.state, ...over };
};

describe('WorkOrder', () => {
  it('is assigned once, records why, and announces the booking', () => {
    const order = WorkOrder.restore(waiting());
    order.assign(slot('T-1', 'b-1'), AT);
    expect(order.state).toMatchObject({ status: 'assigned', technicianId: 'T-1', bookingId: 'b-1', version: 1 });
    expect(order.state.history.at(-1)).toEqual({
      at: AT,
      action: 'assigned',
      reason: 'earliest slot 2026-12-01T08:00Z',
      technicianId: 'T-1',
    });
    expect(order.events.map((event) => event.type)).toEqual(['work-order.assigned.v1']);
    expect(order.before.status).toBe('pending');
    expect(() => WorkOrder.restore(order.state).assign(slot('T-2', 'b-2'), AT)).toThrow(
      new InvalidTransitionError('work order', 'WO-repair-TKT-1-1', 'assigned', 'be assigned'),
    );
  });

  it('tells the owning service once that nobody can take it, and keeps the reason current', () => {
    const first = WorkOrder.restore(waiting());
    expect(first.markUnassignable('no technician covers region leeds', AT)).toBe('recorded');
    expect(first.events).toEqual([{ type: 'work-order.unassignable.v1', reason: 'no technician covers region leeds' }]);

    const same = WorkOrder.restore(first.state);
    expect(same.markUnassignable('no technician covers region leeds', AT)).toBe('unchanged');
    expect(same.changed).toBe(false);

    const other = WorkOrder.restore(first.state);
    expect(other.markUnassignable('all 2 qualified technicians are fully booked', AT)).toBe('recorded');
    expect(other.state.reason).toBe('all 2 qualified technicians are fully booked');
    expect(other.events).toEqual([]);
  });

  it('hands a declined order to the next technician, releasing the decliner', () => {
    const order = WorkOrder.restore(booked('T-1'));
    const request = { cause: 'declined' as const, decliner: 'T-1', note: 'declined by T-1: van broke down' };
    expect(order.planReassignment(request)).toEqual({ outcome: 'search', exclude: ['T-1'] });
    order.reassign(slot('T-2', 'b-T-2'), request, AT);
    expect(order.state).toMatchObject({
      status: 'assigned',
      technicianId: 'T-2',
      declinedBy: ['T-1'],
      releasedBookingIds: ['b-T-1'],
    });
    expect(order.state.history.at(-1)).toMatchObject({
      action: 'declined',
      reason: expect.stringMatching(/^declined by T-1: van broke down; /),
    });
    expect(order.events).toMatchObject([
      { type: 'work-order.released.v1', held: { technicianId: 'T-1', bookingId: 'b-T-1' }, reason: 'declined' },
      { type: 'work-order.assigned.v1', assignment: { technicianId: 'T-2' }, previousTechnicianId: 'T-1' },
    ]);
  });

  it('waits for the roster when nobody but the decliner qualifies, giving the booking up', () => {
    const order = WorkOrder.restore(booked('T-1'));
    const held = order.waitUnbooked('declined', 'no technician other than T-1 covers region leeds', undefined, AT);
    expect(held).toMatchObject({ technicianId: 'T-1', bookingId: 'b-T-1', day: '2026-12-01' });
    expect(order.state).toMatchObject({ status: 'unassignable', declinedBy: ['T-1'], releasedBookingIds: ['b-T-1'] });
    expect(order.state.technicianId).toBeUndefined();
    expect(order.state.bookingId).toBeUndefined();
    expect(order.events.map((event) => event.type)).toEqual(['work-order.released.v1', 'work-order.unassignable.v1']);
  });

  it('moves off a technician who is no longer available without counting it as their decline', () => {
    const moved = WorkOrder.restore(booked('T-1'));
    const request = {
      cause: 'unavailable' as const,
      decliner: 'T-1',
      note: 'technician T-1 can no longer take it (time-off)',
    };
    expect(moved.planReassignment(request)).toEqual({ outcome: 'search', exclude: ['T-1'] });
    moved.reassign(slot('T-2', 'b-T-2'), request, AT);
    expect(moved.state).toMatchObject({ technicianId: 'T-2', declinedBy: [], releasedBookingIds: ['b-T-1'] });
    expect(moved.events).toMatchObject([
      { type: 'work-order.released.v1', reason: 'reassigned' },
      { previousTechnicianId: 'T-1' },
    ]);
    // a redelivered roster change finds the order already moved on
    expect(WorkOrder.restore(moved.state).planReassignment(request).outcome).toBe('moot');

    const waits = WorkOrder.restore(booked('T-1'));
    waits.waitUnbooked('unavailable', 'no technician other than T-1 covers region leeds', request.note, AT);
    expect(waits.state).toMatchObject({ status: 'unassignable', declinedBy: [], releasedBookingIds: ['b-T-1'] });
    expect(waits.state.history.at(-1)).toMatchObject({ action: 'released', technicianId: 'T-1' });
    expect(waits.events).toMatchObject([
      { type: 'work-order.released.v1', reason: 'reassigned' },
      { type: 'work-order.unassignable.v1' },
    ]);
  });

  it('decides whom a reassignment may go to, and refuses what its state or the request rules out', () => {
    const order = WorkOrder.restore(booked('T-1', { declinedBy: ['T-9'] }));
    expect(order.planReassignment({ cause: 'reassigned' })).toEqual({ outcome: 'search', exclude: ['T-9', 'T-1'] });
    expect(() => order.planReassignment({ cause: 'reassigned', technicianId: 'T-1' })).toThrow(
      'technician T-1 already holds work order WO-repair-TKT-1-1',
    );
    expect(() => order.planReassignment({ cause: 'reassigned', technicianId: 'T-9' })).toThrow(
      'technician T-9 declined work order WO-repair-TKT-1-1',
    );
    // a redelivered decline of an order that already moved on changes nothing
    expect(order.planReassignment({ cause: 'declined', decliner: 'T-7' }).outcome).toBe('moot');
    expect(() =>
      WorkOrder.restore(booked('T-1', { status: 'done' })).planReassignment({ cause: 'reassigned' }),
    ).toThrow('work order WO-repair-TKT-1-1 is done; it cannot be reassigned');
  });

  it('reassigns a waiting order too: it gets its first technician, nobody is released', () => {
    const order = WorkOrder.restore(waiting({ status: 'unassignable', declinedBy: ['T-9'] }));
    expect(order.planReassignment({ cause: 'reassigned' })).toEqual({ outcome: 'search', exclude: ['T-9'] });
    order.reassign(slot('T-2', 'b-T-2'), { cause: 'reassigned', note: 'by D-1' }, AT);
    expect(order.state).toMatchObject({ status: 'assigned', technicianId: 'T-2', releasedBookingIds: [] });
    expect(order.events).toEqual([
      { type: 'work-order.assigned.v1', assignment: slot('T-2', 'b-T-2'), previousTechnicianId: undefined },
    ]);
  });

  it('is placed by hand: an override is stored and announced; a booked order gives its booking up', () => {
    const override = { failedChecks: ['region' as const], reason: 'covers leeds today', by: 'D-1', at: AT };
    const order = WorkOrder.restore(booked('T-1'));
    order.place(slot('T-5', 'b-T-5'), override, AT);
    expect(order.state).toMatchObject({
      status: 'assigned',
      technicianId: 'T-5',
      override,
      releasedBookingIds: ['b-T-1'],
    });
    expect(order.state.history.at(-1)).toMatchObject({ action: 'placed', technicianId: 'T-5' });
    expect(order.events.map((event) => event.type)).toEqual([
      'work-order.released.v1',
      'work-order.assigned.v1',
      'work-order.qualification-overridden.v1',
    ]);
    // a later placement without an override (or any reassignment) no longer carries the old one
    const again = WorkOrder.restore(order.state);
    again.reassign(slot('T-6', 'b-T-6'), { cause: 'reassigned' }, AT);
    expect(again.state.override).toBeUndefined();
    const started = WorkOrder.restore(booked('T-1', { status: 'in-progress' }));
    expect(() => started.place(slot('T-5', 'b-T-5'), undefined, AT)).toThrow('it cannot be placed by hand');
  });

  it('releases a booked order when its source gives up, and tells the technician', () => {
    const order = WorkOrder.restore(booked('T-1'));
    order.release('source-cancelled', 'repair cancelled by customer: fixed it', AT);
    expect(order.state).toMatchObject({ status: 'cancelled', technicianId: 'T-1', releasedBookingIds: ['b-T-1'] });
    expect(order.events).toMatchObject([{ type: 'work-order.released.v1', reason: 'source-cancelled' }]);

    const unbooked = WorkOrder.restore(waiting({ status: 'unassignable' }));
    unbooked.release('source-rescheduled', 'installation rescheduled', AT);
    expect(unbooked.state.status).toBe('released');
    expect(unbooked.events).toEqual([]);
    expect(unbooked.can('release')).toBe(false);
  });

  it('is started only when booked, and completed from any open status', () => {
    const order = WorkOrder.restore(booked('T-1'));
    order.start('T-1', AT);
    expect(order.state).toMatchObject({ status: 'in-progress', version: 2 });
    expect(WorkOrder.restore(waiting()).can('start')).toBe(false);
    expect(() => WorkOrder.restore(waiting()).start('T-1', AT)).toThrow('it cannot be started');
    const done = WorkOrder.restore(order.state);
    done.complete('T-1', AT);
    expect(done.state.status).toBe('done');
    expect(WorkOrder.restore(done.state).can('complete')).toBe(false);
  });
});
