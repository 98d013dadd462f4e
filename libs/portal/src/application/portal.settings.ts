export const PORTAL_SETTINGS = Symbol('PORTAL_SETTINGS');

export interface PortalSettings {
  /** minutes after the booked window's start an installation still counts as started on time */
  onTimeToleranceMinutes: number;
}

export const DEFAULT_ON_TIME_TOLERANCE_MINUTES = 15;

export function loadPortalSettings(env: NodeJS.ProcessEnv = process.env): PortalSettings {
  const tolerance = Number(env['KPI_ON_TIME_TOLERANCE_MINUTES'] ?? DEFAULT_ON_TIME_TOLERANCE_MINUTES);
  return {
    onTimeToleranceMinutes:
      Number.isFinite(tolerance) && tolerance >= 0 ? tolerance : DEFAULT_ON_TIME_TOLERANCE_MINUTES,
  };
}
