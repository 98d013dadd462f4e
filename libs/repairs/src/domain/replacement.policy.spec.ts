import { decideReplacement, ReplacementFacts } from './replacement.policy';

const settings = { estimateShare: 0.6, repeatFaultDays: 90 };
const now = new Date('2026-12-01T10:00:00Z');
const pump = { code: 'E21', component: 'drain pump', description: 'pump blocked' };
const door = { code: 'E40', component: 'door lock', description: 'door does not lock' };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

const facts = (over: Partial<ReplacementFacts> = {}): ReplacementFacts => ({
  coverage: 'covered',
  estimateTotal: 120,
  appliancePrice: 400,
  faults: [pump],
  earlierRepairs: [],
  now,
  ...over,
});

describe('decideReplacement', () => {
  it('proposes a covered repair whose estimate exceeds the share of the price, and says why', () => {
    const decision = decideReplacement(facts({ estimateTotal: 300 }), settings);
    expect(decision).toEqual({
      outcome: 'propose',
      trigger: 'estimate-share',
      reason: "estimate 300 is 75% of the appliance's price 400 (limit 60%)",
      estimateTotal: 300,
      appliancePrice: 400,
    });
  });

  it('repairs at or below the share', () => {
    const decision = decideReplacement(facts({ estimateTotal: 240 }), settings);
    expect(decision.outcome).toBe('repair');
    expect(decision.reason).toContain("estimate 240 is 60% of the appliance's price 400");
  });

  it('proposes the second failure of the same fault within the days, naming the earlier ticket', () => {
    const earlierRepairs = [
      { ticketId: 'RT-old', completedAt: daysAgo(120), faults: [pump] },
      { ticketId: 'RT-1', completedAt: daysAgo(30), faults: [door, pump] },
    ];
    const decision = decideReplacement(facts({ earlierRepairs }), settings);
    expect(decision).toMatchObject({ outcome: 'propose', trigger: 'repeat-fault', earlierTicketId: 'RT-1' });
    expect(decision.reason).toBe('the same fault (e21) was repaired 30 days ago on ticket RT-1 (within 90 days)');
  });

  it('matches faults without codes by component', () => {
    const noCode = { component: 'Drain pump', description: 'x' };
    const earlierRepairs = [
      { ticketId: 'RT-1', completedAt: daysAgo(10), faults: [{ ...noCode, component: 'drain pump' }] },
    ];
    expect(decideReplacement(facts({ faults: [noCode], earlierRepairs }), settings).outcome).toBe('propose');
  });

  it('repairs another fault, or the same one after the days', () => {
    const other = [{ ticketId: 'RT-1', completedAt: daysAgo(10), faults: [door] }];
    const late = [{ ticketId: 'RT-2', completedAt: daysAgo(91), faults: [pump] }];
    expect(decideReplacement(facts({ earlierRepairs: other }), settings).outcome).toBe('repair');
    const decision = decideReplacement(facts({ earlierRepairs: late }), settings);
    expect(decision.outcome).toBe('repair');
    expect(decision.reason).toContain('no repair of the same fault in the last 90 days');
  });

  it('never proposes an uncovered ticket, whatever the estimate or the repeats', () => {
    const earlierRepairs = [{ ticketId: 'RT-1', completedAt: daysAgo(5), faults: [pump] }];
    const decision = decideReplacement(facts({ coverage: 'billable', estimateTotal: 9999, earlierRepairs }), settings);
    expect(decision).toEqual({
      outcome: 'repair',
      reason: 'not covered by the warranty: the customer pays for the repair',
    });
  });

  it('without a known price only a repeat fault proposes', () => {
    const decision = decideReplacement(facts({ appliancePrice: undefined, estimateTotal: 9999 }), settings);
    expect(decision.outcome).toBe('repair');
    expect(decision.reason).toContain("the appliance's price is unknown");
  });
});
