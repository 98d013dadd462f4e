import { z } from 'zod';

export interface CompletedRepair {
  openedAt: Date;
  completedAt: Date;
  firstTimeFix: boolean;
  slaMet: boolean;
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
