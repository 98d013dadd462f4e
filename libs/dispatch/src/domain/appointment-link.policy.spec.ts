import { linkRefusal } from './appointment-link.policy';

const window = { from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T09:00:00.000Z' };
const order = { customerId: 'C-1', status: 'assigned' as const, window };

describe('an appointment link', () => {
  it('acts on the booking it was sent for (the same instant, however written)', () => {
    expect(linkRefusal(order, { customerId: 'C-1', ref: window.from })).toBeUndefined();
    expect(linkRefusal(order, { customerId: 'C-1', ref: '2026-12-01T08:00:00Z' })).toBeUndefined();
    expect(linkRefusal({ ...order, status: 'accepted' }, { customerId: 'C-1', ref: window.from })).toBeUndefined();
  });

  it('is not valid for another customer’s order', () => {
    expect(linkRefusal(order, { customerId: 'C-2', ref: window.from })).toBe('invalid');
    expect(linkRefusal({ ...order, customerId: undefined }, { customerId: 'C-1', ref: window.from })).toBe('invalid');
  });

  it('is stale once the appointment moved, was cancelled or started', () => {
    expect(linkRefusal(order, { customerId: 'C-1', ref: '2026-12-01T09:30:00.000Z' })).toBe('stale');
    expect(linkRefusal(order, { customerId: 'C-1' })).toBe('stale');
    expect(linkRefusal({ ...order, window: undefined }, { customerId: 'C-1', ref: window.from })).toBe('stale');
    for (const status of ['cancelled', 'in-progress', 'done'] as const)
      expect(linkRefusal({ ...order, status }, { customerId: 'C-1', ref: window.from })).toBe('stale');
  });
});
