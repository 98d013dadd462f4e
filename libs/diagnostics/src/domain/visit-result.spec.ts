import { shippedKnowledgeBase } from '../knowledge-base';
import { resolveVisitResult } from './visit-result';

const knowledge = shippedKnowledgeBase().forCategory('washing-machine');
const tests = [{ name: 'drain pump resistance', passed: false, measurements: { ohms: 0 } }];

describe('resolveVisitResult', () => {
  it('takes skill, parts, severity and duration from the confirmed knowledge-base fault', () => {
    const result = resolveVisitResult(
      knowledge,
      { tests, outcome: 'repair-required', confirmedFault: { faultId: 'wm-drain-pump-failed' } },
      'low',
      'e21',
    );
    expect(result).toMatchObject({
      outcome: 'repair-required',
      faults: [{ code: 'e21', component: 'drain pump' }],
      requiredSkill: 'appliance-general',
      parts: [{ sku: 'WM-DP-30W', name: 'Drain pump 30 W', quantity: 1 }],
      severity: 'medium',
      durationMinutes: 60,
    });
  });

  it('keeps the excluded cause and lets the technician override parts', () => {
    const result = resolveVisitResult(
      knowledge,
      {
        tests,
        outcome: 'repair-required',
        confirmedFault: { faultId: 'wm-foreign-object-pump' },
        parts: [{ sku: 'X', name: 'Impeller', quantity: 1 }],
      },
      'medium',
    );
    expect(result.faults[0].excludedCause).toBe('misuse');
    expect(result.parts).toEqual([{ sku: 'X', name: 'Impeller', quantity: 1 }]);
  });

  it('refuses a repair without a fault and an unknown fault id', () => {
    expect(() => resolveVisitResult(knowledge, { tests, outcome: 'repair-required' }, 'low')).toThrow(
      'a repair needs the confirmed fault',
    );
    expect(() =>
      resolveVisitResult(knowledge, { tests, outcome: 'resolved', confirmedFault: { faultId: 'nope' } }, 'low'),
    ).toThrow('nope is not a fault');
  });

  it('needs no parts or skill for no-fault-found', () => {
    expect(resolveVisitResult(knowledge, { tests, outcome: 'no-fault-found' }, 'medium')).toEqual({
      outcome: 'no-fault-found',
      tests,
      faults: [],
      parts: [],
      requiredSkill: undefined,
      severity: 'low',
      durationMinutes: undefined,
      notes: undefined,
    });
  });
});
