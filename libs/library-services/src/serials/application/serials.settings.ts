export const SERIALS_SETTINGS = Symbol('SERIALS_SETTINGS');

/** The claim sweeper's pace (LIBRARY_CLAIM_SWEEP_MS, LIBRARY_CLAIM_SWEEP_BATCH) and its clock. */
export interface SerialsSettings {
  /** how often subscriptions are looked at for issues to claim */
  claimSweepMs: number;
  /** subscriptions decided per sweep round, the longest-waiting first */
  claimSweepBatch: number;
  /** claims one subscription sends in one write; more due wait for the next round */
  claimsPerWrite: number;
  /** what "now" is for the timer's sweeps and the views (tests put it where they need it) */
  clock: () => Date;
}

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

export function loadSerialsSettings(env: NodeJS.ProcessEnv = process.env): SerialsSettings {
  return {
    claimSweepMs: positive(env['LIBRARY_CLAIM_SWEEP_MS'], 60_000),
    claimSweepBatch: positive(env['LIBRARY_CLAIM_SWEEP_BATCH'], 200),
    claimsPerWrite: 50,
    clock: () => new Date(),
  };
}
