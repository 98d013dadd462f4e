import { InvalidTransitionError } from '@appliance-care/kernel';

import { Cancellation, cancellationVerdict } from './installation-cancellation.policy';
import { Assignment, InstallationJob, InstallationJobState } from './installation-job';

const booking: Assignment = {
  workOrderId: 'WO-installation-INS-1-1',
  technicianId: 'T-1',
  window: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T10:00:00Z' },
};
const requested = (): InstallationJobState => ({
  status: 'requested',
  attempt: 1,
  requestedAt: '2026-11-28T10:15:00Z',
  visits: [],
});
const job = (state: InstallationJobState = requested()) => new InstallationJob('INS-1', state);
const scheduled = () => job().assign(booking).state;
const cancellation: Cancellation = {
  workOrderId: booking.workOrderId,
  by: 'customer',
  reason: 'moving house',
  at: '2026-11-30T12:00:00Z',
};

describe('installation cancellation', () => {
  it('cancels a booked job, keeping the booking it gave up in its visits', () => {
    const next = job(scheduled()).cancel(cancellation);
    expect(next.changed).toBe(true);
    expect(next.state).toMatchObject({ status: 'cancelled', assignment: undefined });
    expect(next.state.visits).toEqual([
      {
        attempt: 1,
        outcome: 'cancelled',
        reason: 'moving house',
        at: cancellation.at,
        by: 'customer',
        technicianId: 'T-1',
        workOrderId: booking.workOrderId,
        window: booking.window,
      },
    ]);
  });

  it('cancels a job still waiting for a technician (its pending order)', () => {
    const waiting = job().waitForTechnician('nobody in cardiff').state;
    expect(cancellationVerdict(waiting, booking.workOrderId)).toEqual({ cancel: true });
    expect(job(waiting).cancel(cancellation).state.status).toBe('cancelled');
  });

  it('leaves a started, completed or cancelled job, and a stale order, alone — and says why', () => {
    const started = job(scheduled()).start({ technicianId: 'T-1', staff: false }, '2026-12-01T08:05:00Z').state;
    const cancelled = job(scheduled()).cancel(cancellation).state;
    expect(cancellationVerdict(started, booking.workOrderId)).toEqual({ cancel: false, reason: 'started' });
    expect(cancellationVerdict({ ...started, status: 'completed' }, booking.workOrderId)).toEqual({
      cancel: false,
      reason: 'completed',
    });
    expect(cancellationVerdict(cancelled, booking.workOrderId)).toEqual({ cancel: false, reason: 'already-cancelled' });
    expect(cancellationVerdict(scheduled(), 'WO-installation-INS-1-0')).toEqual({
      cancel: false,
      reason: 'other-work-order',
    });
    // after a reschedule the old attempt's order is history: cancelling it does not end the new request
    const rescheduled = job(scheduled()).reschedule({ staff: true }, cancellation.at, 'customer away').state;
    expect(cancellationVerdict(rescheduled, booking.workOrderId)).toMatchObject({ reason: 'other-work-order' });
    expect(job(started).cancel(cancellation)).toEqual({ state: started, changed: false });
  });

  it('ignores a booking after the cancellation and refuses to start a cancelled job', () => {
    const cancelled = job(scheduled()).cancel(cancellation).state;
    expect(job(cancelled).assign({ ...booking, technicianId: 'T-2' }).changed).toBe(false);
    expect(() => job(cancelled).start({ staff: true }, cancellation.at)).toThrow(InvalidTransitionError);
    expect(() => job(cancelled).reschedule({ staff: true }, cancellation.at, 'again')).toThrow(InvalidTransitionError);
  });
});
