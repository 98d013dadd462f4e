import { CompletedRepair, computeRepairStats, computeRepairStatsBreakdown } from './repair-stats';

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

  it('breaks the figures down per technician and per region, in the order of their ids', () => {
    const repair = (technicianId: string, region: string, hours: number, ok: boolean): CompletedRepair => ({
      openedAt: d(0),
      completedAt: d(hours),
      firstTimeFix: ok,
      slaMet: ok,
      technicianId,
      region,
    });
    const repairs = [
      repair('T-2', 'london', 2, true),
      repair('T-1', 'north', 1, true),
      repair('T-2', 'north', 4, false),
      repair('T-2', 'london', 3, true),
    ];
    const breakdown = computeRepairStatsBreakdown(repairs);
    expect(breakdown.byTechnician).toEqual([
      { technicianId: 'T-1', completed: 1, firstTimeFixRate: 1, meanTimeToRepairMinutes: 60, slaCompliance: 1 },
      {
        technicianId: 'T-2',
        completed: 3,
        firstTimeFixRate: 0.6667,
        meanTimeToRepairMinutes: 180,
        slaCompliance: 0.6667,
      },
    ]);
    expect(breakdown.byRegion).toEqual([
      { region: 'london', completed: 2, firstTimeFixRate: 1, meanTimeToRepairMinutes: 150, slaCompliance: 1 },
      { region: 'north', completed: 2, firstTimeFixRate: 0.5, meanTimeToRepairMinutes: 150, slaCompliance: 0.5 },
    ]);
    // the groups add up to the totals
    const total = computeRepairStats(repairs).completed;
    expect(breakdown.byTechnician.reduce((n, g) => n + g.completed, 0)).toBe(total);
    expect(computeRepairStatsBreakdown([])).toEqual({ byTechnician: [], byRegion: [] });
  });
});
