import { InvalidTransitionError } from '@appliance-care/kernel';

import { ItemStateMachine } from './item.state-machine';

describe('ItemStateMachine', () => {
  it.each([
    ['cataloguing', 'complete-copy-cataloguing', 'processing'],
    ['cataloguing', 'submit-original-cataloguing', 'awaiting-approval'],
    ['awaiting-approval', 'approve-cataloguing', 'processing'],
    ['awaiting-approval', 'return-cataloguing', 'cataloguing'],
    ['processing', 'complete-processing', 'available'],
    ['processing', 'place-hold', 'processing'],
    ['available', 'report-damage', 'damaged'],
    ['damaged', 'triage-repair', 'in-repair'],
    ['damaged', 'triage-bind', 'awaiting-binding'],
    ['damaged', 'triage-withdraw', 'withdrawn'],
    ['in-repair', 'complete-repair', 'available'],
    ['awaiting-binding', 'send-to-bindery', 'at-bindery'],
    ['at-bindery', 'return-from-bindery', 'available'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(ItemStateMachine.next('I-1', from, action)).toBe(to);
  });

  it('refuses a move out of turn, naming the verb and the state', () => {
    expect(() => ItemStateMachine.next('I-1', 'available', 'place-hold')).toThrow(InvalidTransitionError);
    expect(() => ItemStateMachine.next('I-1', 'cataloguing', 'approve-cataloguing')).toThrow(
      'library item I-1 is cataloguing; it cannot have its cataloguing approved',
    );
    expect(ItemStateMachine.can('withdrawn', 'report-damage')).toBe(false);
  });
});
