export const MAINTENANCE_SETTINGS = Symbol('MAINTENANCE_SETTINGS');

/** The maintenance sweeper's pace (MAINTENANCE_SWEEP_MS, MAINTENANCE_SWEEP_BATCH). */
export interface MaintenanceSettings {
  /** how often schedules are looked at for a visit to request or a cycle to flag overdue */
  sweepMs: number;
  /** schedules decided per sweep round, the longest-waiting first */
  sweepBatch: number;
}

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

export function loadMaintenanceSettings(env: NodeJS.ProcessEnv = process.env): MaintenanceSettings {
  return {
    sweepMs: positive(env['MAINTENANCE_SWEEP_MS'], 60_000),
    sweepBatch: positive(env['MAINTENANCE_SWEEP_BATCH'], 200),
  };
}
