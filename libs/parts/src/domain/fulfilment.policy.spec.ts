import { fulfilmentPlan } from './fulfilment.policy';

const line = (ticketId: string, quantity: number, waitingSince: string) => ({ ticketId, quantity, waitingSince });

describe('which waiting reservations arriving stock fills', () => {
  it('fills oldest first, whatever order they are listed in', () => {
    const plan = fulfilmentPlan(
      [
        line('T-3', 1, '2027-01-03T00:00:00Z'),
        line('T-1', 2, '2027-01-01T00:00:00Z'),
        line('T-2', 1, '2027-01-02T00:00:00Z'),
      ],
      3,
    );
    expect(plan.fulfil.map((l) => l.ticketId)).toEqual(['T-1', 'T-2']);
    expect(plan.reason).toContain('T-3 needs 1, 0 left');
  });

  it('lets no later, smaller need overtake an older one the stock cannot fill yet', () => {
    const plan = fulfilmentPlan([line('T-1', 5, '2027-01-01T00:00:00Z'), line('T-2', 1, '2027-01-02T00:00:00Z')], 4);
    expect(plan.fulfil).toEqual([]);
    expect(plan.reason).toContain('T-1 needs 5, 4 left');
  });

  it('fills all when there is enough, and says what is left', () => {
    const plan = fulfilmentPlan([line('T-1', 1, '2027-01-01T00:00:00Z')], 3);
    expect(plan).toEqual({ fulfil: [line('T-1', 1, '2027-01-01T00:00:00Z')], reason: 'all 1 waiting filled, 2 left' });
    expect(fulfilmentPlan([], 3).reason).toBe('nothing waits here');
  });
});
