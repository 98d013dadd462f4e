import { InvalidTransitionError } from '@appliance-care/kernel';

import { DiagnosticCase } from './diagnostic-case';

describe('DiagnosticCase state machine', () => {
  it('resolves a guidance case that the customer fixed', () => {
    const c = DiagnosticCase.open('case-1', 'guidance');
    expect(c.state).toBe('guidance-sent');
    c.recordGuidanceOutcome(true);
    expect(c.snapshot()).toEqual({ id: 'case-1', state: 'completed', outcome: 'resolved' });
    expect(c.isOpen).toBe(false);
  });

  it('turns unsuccessful guidance into a visit, then schedule, then results', () => {
    const c = DiagnosticCase.open('case-2', 'guidance');
    c.recordGuidanceOutcome(false);
    expect(c.state).toBe('visit-requested');
    expect(c.scheduleVisit('T-1', 'WO-1')).toBe('scheduled');
    expect(c.scheduleVisit('T-1', 'WO-1')).toBe('unchanged');
    expect(c.scheduleVisit('T-2', 'WO-1')).toBe('rescheduled');
    c.recordResults('repair-required');
    expect(c.snapshot()).toEqual({
      id: 'case-2',
      state: 'completed',
      technicianId: 'T-2',
      workOrderId: 'WO-1',
      outcome: 'repair-required',
    });
  });

  it.each([
    ['visit-requested', (c: DiagnosticCase) => c.recordGuidanceOutcome(true)],
    ['visit-requested', (c: DiagnosticCase) => c.recordResults('resolved')],
  ])('refuses an invalid transition from %s with the current state', (state, act) => {
    const c = DiagnosticCase.open('case-3', 'visit');
    expect(c.state).toBe(state);
    try {
      act(c);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidTransitionError);
      expect((err as InvalidTransitionError).status).toBe(409);
      expect((err as InvalidTransitionError).currentState).toBe(state);
    }
  });

  it('allows nothing once completed and no visit booking on a guidance case', () => {
    const done = DiagnosticCase.restore({ id: 'case-4', state: 'completed', outcome: 'no-fault-found' });
    expect(() => done.scheduleVisit('T-1', 'WO-1')).toThrow('case case-4 is completed; it cannot schedule a visit');
    expect(() => done.recordGuidanceOutcome(false)).toThrow(InvalidTransitionError);
    expect(() => DiagnosticCase.open('case-5', 'guidance').scheduleVisit('T-1', 'WO-1')).toThrow('is guidance-sent');
    expect(() => DiagnosticCase.open('case-6', 'guidance').recordResults('resolved')).toThrow(InvalidTransitionError);
  });
});
