import { readFileSync } from 'node:fs';

import DEFAULT_SUPERVISORS from '../data/library-supervisors.json';
import { LibrarySupervisors, parseDigestTime, parseLibrarySupervisors } from '../domain/library-digest';

/** The supervisors' daily digest (LIBRARY_DIGEST_AT, LIBRARY_DIGEST_SWEEP_MS, LIBRARY_SUPERVISORS_FILE). */
export interface LibraryDigestConfig {
  /** minutes after midnight (UTC) from which the day's digest is sent */
  atMinutes: number;
  /** how often the job looks whether a digest is due */
  sweepMs: number;
  /** how long a claimed run is its instance's before another may take it over */
  leaseMs: number;
  /** branch → its supervisors (librarians) */
  supervisors: LibrarySupervisors;
  /** the job's clock (tests set the hour with it) */
  clock: () => Date;
}

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

/**
 * Defaults that work out of the box: 07:00 UTC, a look every minute, and the supervisors of the
 * central and riverside branches in libs/notifications/src/data/library-supervisors.json (addresses
 * local SMTP capture shows); LIBRARY_SUPERVISORS_FILE names another file of the same shape.
 */
export function loadLibraryDigestConfig(env: NodeJS.ProcessEnv): LibraryDigestConfig {
  const file = env['LIBRARY_SUPERVISORS_FILE'];
  const supervisors = file
    ? parseLibrarySupervisors(JSON.parse(readFileSync(file, 'utf8')), file)
    : parseLibrarySupervisors(DEFAULT_SUPERVISORS, 'library-supervisors.json');
  return {
    atMinutes: parseDigestTime(env['LIBRARY_DIGEST_AT'] || '07:00'),
    sweepMs: positive(env['LIBRARY_DIGEST_SWEEP_MS'], 60_000),
    leaseMs: positive(env['LIBRARY_DIGEST_LEASE_MS'], 5 * 60_000),
    supervisors,
    clock: () => new Date(),
  };
}
