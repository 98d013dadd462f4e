import { computeRepairStats } from './repair-stats';

const d = (h: number) => new Date(Date.UTC(2027, 2, 1) + h * 3600e3);

describe('repair stats', () => {
  it('computes first-time-fix rate, mean time to repair and SLA compliance', () => {
    const s = computeRepairStats([
      { openedAt: d(0), completedAt: d(2), firstTimeFix: true, slaMet: true },
      { openedAt: d(0), completedAt: d(4), firstTimeFix: false, slaMet: true },
      { openedAt: d(1), completedAt: d(7), firstTimeFix: true, slaMet: false },
      { openedAt: d(0), completedAt: d(4), firstTimeFix: true, slaMet: true },
    ]);
    expect(s).toEqual({ completed: 4, firstTimeFixRate: 0.75, meanTimeToRepairMinutes: 240, slaCompliance: 0.75 });
  });

  it('answers null rates for a period without completions', () => {
    expect(computeRepairStats([])).toEqual({
      completed: 0,
      firstTimeFixRate: null,
      meanTimeToRepairMinutes: null,
      slaCompliance: null,
    });
  });
});
