import { BusinessRuleError, ForbiddenError, InvalidTransitionError } from '@appliance-care/kernel';

import { InstallationCatalogue } from './installation-catalogue';
import { Assignment, InstallationJob, InstallationJobState } from './installation-job';

const template = InstallationCatalogue.load().profileFor('washing-machine').checklist;
const allDone = template.map((t) => ({ item: t.item, done: true }));
const tech = { technicianId: 'T-1', staff: false };
const other = { technicianId: 'T-2', staff: false };
const dispatcher = { staff: true };
const booking: Assignment = {
  workOrderId: 'WO-1',
  technicianId: 'T-1',
  technicianName: 'Tess',
  window: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T10:00:00Z' },
};
const at = '2026-12-01T08:05:00Z';

const requested = (): InstallationJobState => ({
  status: 'requested',
  attempt: 1,
  requestedAt: '2026-11-28T10:15:00Z',
  visits: [],
});
const job = (state: InstallationJobState = requested()) => new InstallationJob('INS-1', state);
const scheduled = () => job().assign(booking).state;
const inProgress = () => job(scheduled()).start(tech, at).state;
const completed = () => job(inProgress()).complete(tech, at, template, allDone, true).state;

function refusal(fn: () => unknown): InvalidTransitionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidTransitionError) return err;
    throw err;
  }
  throw new Error('expected an invalid transition');
}

describe('installation job state machine', () => {
  it('runs requested → scheduled → in-progress → completed', () => {
    const s1 = job().assign(booking);
    expect(s1).toMatchObject({ changed: true, state: { status: 'scheduled', assignment: booking } });
    const s2 = job(s1.state).start(tech, at);
    expect(s2.state).toMatchObject({ status: 'in-progress', startedAt: at });
    const s3 = job(s2.state).complete(tech, '2026-12-01T09:30:00Z', template, allDone, true, 'all good');
    expect(s3.state).toMatchObject({
      status: 'completed',
      completedAt: '2026-12-01T09:30:00Z',
      customerTrained: true,
      checklistAnswers: allDone,
      notes: 'all good',
    });
  });

  it('waits visibly when no technician can be found, then takes a later assignment', () => {
    const waiting = job().waitForTechnician('no gas-safe technician in london');
    expect(waiting.state).toMatchObject({
      status: 'awaiting-technician',
      waitingReason: 'no gas-safe technician in london',
    });
    expect(job(waiting.state).waitForTechnician('no gas-safe technician in london').changed).toBe(false);
    const assigned = job(waiting.state).assign(booking).state;
    expect(assigned).toMatchObject({ status: 'scheduled', waitingReason: undefined });
  });

  it('ignores an unassignable notice once a technician is booked', () => {
    expect(job(scheduled()).waitForTechnician('late notice')).toMatchObject({
      changed: false,
      state: { status: 'scheduled' },
    });
  });

  it('treats a repeated booking as no change, and a reassignment as a change', () => {
    expect(job(scheduled()).assign({ ...booking }).changed).toBe(false);
    const moved = job(scheduled()).assign({ ...booking, technicianId: 'T-2', technicianName: 'Tom' });
    expect(moved).toMatchObject({ changed: true, state: { assignment: { technicianId: 'T-2' } } });
  });

  it('shrugs off a late repeat of its own booking once work started, but refuses a new one', () => {
    expect(job(inProgress()).assign({ ...booking }).changed).toBe(false);
    expect(job(completed()).assign({ ...booking }).changed).toBe(false);
    expect(refusal(() => job(inProgress()).assign({ ...booking, workOrderId: 'WO-9' })).currentState).toBe(
      'in-progress',
    );
  });

  it('answers invalid transitions with the current state', () => {
    expect(refusal(() => job().start(dispatcher, at)).currentState).toBe('requested');
    expect(refusal(() => job(scheduled()).complete(tech, at, template, allDone, true)).currentState).toBe('scheduled');
    expect(refusal(() => job(inProgress()).start(tech, at)).currentState).toBe('in-progress');
    expect(refusal(() => job(completed()).fail(tech, at, 'x')).currentState).toBe('completed');
    expect(refusal(() => job(completed()).reschedule(tech, at, 'x')).currentState).toBe('completed');
    expect(refusal(() => job(inProgress()).reschedule(tech, at, 'x')).currentState).toBe('in-progress');
    expect(refusal(() => job(completed()).assign({ ...booking, technicianId: 'T-2' })).currentState).toBe('completed');
    expect(refusal(() => job().fail(dispatcher, at, 'x')).currentState).toBe('requested');
  });

  it('lets only the assigned technician (or staff) act', () => {
    expect(() => job(scheduled()).start(other, at)).toThrow(ForbiddenError);
    expect(job(scheduled()).start(dispatcher, at).state.status).toBe('in-progress');
    expect(() => job(inProgress()).complete(other, at, template, allDone, true)).toThrow(ForbiddenError);
    expect(() => job().reschedule(tech, at, 'x')).toThrow(ForbiddenError);
  });

  it('refuses a technician who is not the assignee before looking at the state, so the state is not disclosed', () => {
    expect(() => job().start(tech, at)).toThrow(ForbiddenError);
    expect(() => job().fail(tech, at, 'x')).toThrow(ForbiddenError);
    expect(() => job().complete(tech, at, template, allDone, true)).toThrow(ForbiddenError);
    expect(() => job(inProgress()).start(other, at)).toThrow(ForbiddenError);
    expect(() => job(completed()).fail(other, at, 'x')).toThrow(ForbiddenError);
    expect(() => job(completed()).reschedule(other, at, 'x')).toThrow(ForbiddenError);
  });

  it('refuses a completion without every checklist item answered or without customer training', () => {
    const partial = allDone.slice(1);
    expect(() => job(inProgress()).complete(tech, at, template, partial, true)).toThrow(
      new RegExp(`not answered: ${template[0].item}`),
    );
    expect(() => job(inProgress()).complete(tech, at, template, allDone, false)).toThrow(/customer must be trained/);
    expect(() =>
      job(inProgress()).complete(tech, at, template, [...allDone, { item: 'unknown', done: true }], true),
    ).toThrow(/"unknown" is not on this installation's checklist/);
    expect(() => job(inProgress()).complete(tech, at, template, [...allDone, allDone[0]], true)).toThrow(
      /answered twice/,
    );
    try {
      job(inProgress()).complete(tech, at, template, partial, true);
    } catch (err) {
      expect(err).toBeInstanceOf(BusinessRuleError);
      expect((err as BusinessRuleError).status).toBe(422);
    }
  });

  it('accepts a checklist item answered "not done": the record is what counts', () => {
    const answers = allDone.map((a, i) => (i === 0 ? { ...a, done: false } : a));
    expect(job(inProgress()).complete(tech, at, template, answers, true).state.checklistAnswers?.[0].done).toBe(false);
  });

  it('sends a failed visit back to requested with the next attempt and the visit in its history', () => {
    const failed = job(inProgress()).fail(tech, '2026-12-01T09:00:00Z', 'water supply not ready').state;
    expect(failed).toMatchObject({
      status: 'requested',
      attempt: 2,
      assignment: undefined,
      startedAt: undefined,
      requestReason: 'previous visit failed: water supply not ready',
    });
    expect(failed.visits).toEqual([
      {
        attempt: 1,
        outcome: 'failed',
        reason: 'water supply not ready',
        at: '2026-12-01T09:00:00Z',
        technicianId: 'T-1',
        workOrderId: 'WO-1',
        window: booking.window,
      },
    ]);
    expect(job(scheduled()).fail(tech, at, 'nobody home').state.attempt).toBe(2);
  });

  it('reschedules a booked visit with a new preferred window, and a waiting one by a dispatcher', () => {
    const window = { from: '2026-12-03T08:00:00Z', to: '2026-12-03T12:00:00Z' };
    const moved = job(scheduled()).reschedule(tech, at, 'customer away', window).state;
    expect(moved).toMatchObject({ status: 'requested', attempt: 2, preferredWindow: window, assignment: undefined });
    expect(moved.visits[0]).toMatchObject({ outcome: 'rescheduled', workOrderId: 'WO-1' });
    const waiting = job().waitForTechnician('none').state;
    expect(job(waiting).reschedule(dispatcher, at, 'try next week').state).toMatchObject({
      status: 'requested',
      attempt: 2,
      waitingReason: undefined,
    });
  });
});
