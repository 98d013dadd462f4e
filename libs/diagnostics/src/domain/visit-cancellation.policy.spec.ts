import { InvalidTransitionError } from '@appliance-care/kernel';

import { DiagnosticCase } from './diagnostic-case';
import { visitCancellationVerdict } from './visit-cancellation.policy';

describe('diagnostic visit cancellation', () => {
  it('closes a case whose visit was requested or booked; a closed case takes no more steps', () => {
    const booked = DiagnosticCase.open('case-1', 'visit');
    expect(visitCancellationVerdict(booked.snapshot(), 'WO-1')).toEqual({ cancel: true });
    booked.scheduleVisit('T-1', 'WO-1');
    expect(visitCancellationVerdict(booked.snapshot(), 'WO-1')).toEqual({ cancel: true });
    booked.cancelVisit();
    expect(booked.snapshot()).toEqual({
      id: 'case-1',
      state: 'visit-cancelled',
      technicianId: 'T-1',
      workOrderId: 'WO-1',
    });
    expect(booked.isOpen).toBe(false);
    expect(() => booked.scheduleVisit('T-2', 'WO-2')).toThrow(InvalidTransitionError);
    expect(() => booked.recordResults('resolved')).toThrow(InvalidTransitionError);
    expect(visitCancellationVerdict(booked.snapshot(), 'WO-1')).toEqual({ cancel: false, reason: 'already-cancelled' });
  });

  it('leaves a done case, a guidance case and another work order alone, and says why', () => {
    const done = DiagnosticCase.open('case-2', 'visit');
    done.scheduleVisit('T-1', 'WO-2');
    expect(visitCancellationVerdict(done.snapshot(), 'WO-other')).toEqual({
      cancel: false,
      reason: 'other-work-order',
    });
    done.recordResults('no-fault-found');
    expect(visitCancellationVerdict(done.snapshot(), 'WO-2')).toEqual({ cancel: false, reason: 'completed' });
    const guidance = DiagnosticCase.open('case-3', 'guidance');
    expect(visitCancellationVerdict(guidance.snapshot(), 'WO-3')).toEqual({ cancel: false, reason: 'no-visit' });
    expect(() => guidance.cancelVisit()).toThrow(InvalidTransitionError);
  });
});
