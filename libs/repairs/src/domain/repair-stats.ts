import { z } from 'zod';

export interface CompletedRepair {
  openedAt: Date;
  completedAt: Date;
  firstTimeFix: boolean;
  slaMet: boolean;
  /** who completed it */
  technicianId?: string;
  region?: string;
}

export const repairStatsSchema = z.object({
  completed: z.number().int().describe('repairs completed in the period'),
  firstTimeFixRate: z
    .number()
    .nullable()
    .describe('share fixed on the first visit without waiting for parts; null when none completed'),
  meanTimeToRepairMinutes: z
    .number()
    .nullable()
    .describe('mean minutes from opening to completion; null when none completed'),
  slaCompliance: z.number().nullable().describe('share completed by the due time; null when none completed'),
});
export type RepairStats = z.infer<typeof repairStatsSchema>;

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/**
 * Over the repairs completed in a period: the share fixed on the first visit without waiting for
 * parts, the mean time from opening to completion, and the share completed by the due time.
 * Rates are null, not zero, when nothing was completed.
 */
export function computeRepairStats(repairs: readonly CompletedRepair[]): RepairStats {
  const completed = repairs.length;
  const totalMs = repairs.reduce((sum, r) => sum + (r.completedAt.getTime() - r.openedAt.getTime()), 0);
  return {
    completed,
    firstTimeFixRate: ratio(repairs.filter((r) => r.firstTimeFix).length, completed),
    meanTimeToRepairMinutes: completed === 0 ? null : Math.round((totalMs / completed / 60_000) * 10) / 10,
    slaCompliance: ratio(repairs.filter((r) => r.slaMet).length, completed),
  };
}

export const repairStatsBreakdownSchema = z.object({
  byTechnician: z
    .array(repairStatsSchema.extend({ technicianId: z.string() }))
    .describe('per technician who completed repairs in the period, by technician id'),
  byRegion: z
    .array(repairStatsSchema.extend({ region: z.string() }))
    .describe('per region of the repairs completed in the period, by region'),
});
export type RepairStatsBreakdown = z.infer<typeof repairStatsBreakdownSchema>;

/** The repairs with a value for `key`, grouped by it, in the order of the keys. */
function groupBy(repairs: readonly CompletedRepair[], key: 'technicianId' | 'region'): [string, CompletedRepair[]][] {
  const groups = new Map<string, CompletedRepair[]>();
  for (const repair of repairs) {
    const value = repair[key];
    if (value !== undefined) groups.set(value, [...(groups.get(value) ?? []), repair]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * The same figures per technician (who completed the repair) and per region, so a dispatcher sees
 * who and where fixes first time and keeps the SLA. A group has at least one completion, so its
 * rates are never null.
 */
export function computeRepairStatsBreakdown(repairs: readonly CompletedRepair[]): RepairStatsBreakdown {
  return {
    byTechnician: groupBy(repairs, 'technicianId').map(([technicianId, group]) => ({
      technicianId,
      ...computeRepairStats(group),
    })),
    byRegion: groupBy(repairs, 'region').map(([region, group]) => ({ region, ...computeRepairStats(group) })),
  };
}
