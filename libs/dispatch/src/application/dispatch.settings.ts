import { AssignmentSettings } from '../domain/assignment.policy';

export const DISPATCH_SETTINGS = Symbol('DISPATCH_SETTINGS');

export interface DispatchSettings extends AssignmentSettings {
  /** the board flags booked or waiting work due within this many hours and not started */
  atRiskHours: number;
  /** calendar conflicts tolerated for one decision before the event is retried with backoff */
  maxBookingConflicts: number;
  seedFile?: string;
  /** library technicians loaded at start when the roster has none yet (DISPATCH_LIBRARY_SEED_FILE; none by default) */
  librarySeedFile?: string;
  /**
   * How old this instance's copy of a calendar day may get before it is read again: its own
   * bookings update the copy at once, other instances' bookings show up within this time (a stale
   * copy never double-books: the booking is conditioned on the day's version in the store).
   */
  calendarCacheMs: number;
  /** the same for the roster (also dropped at once on a roster change or roster event) */
  rosterCacheMs: number;
}

export function loadDispatchSettings(env: NodeJS.ProcessEnv = process.env): DispatchSettings {
  return {
    bufferMinutes: Number(env['DISPATCH_TRAVEL_BUFFER_MINUTES'] ?? 30),
    horizonDays: Number(env['DISPATCH_HORIZON_DAYS'] ?? 14),
    stepMinutes: Number(env['DISPATCH_SLOT_STEP_MINUTES'] ?? 15),
    atRiskHours: Number(env['DISPATCH_AT_RISK_HOURS'] ?? 4),
    maxBookingConflicts: Number(env['DISPATCH_MAX_BOOKING_CONFLICTS'] ?? 100),
    seedFile: env['DISPATCH_SEED_FILE'] || undefined,
    librarySeedFile: env['DISPATCH_LIBRARY_SEED_FILE'] || undefined,
    calendarCacheMs: Number(env['DISPATCH_CALENDAR_CACHE_MS'] ?? 5000),
    rosterCacheMs: Number(env['DISPATCH_ROSTER_CACHE_MS'] ?? 5000),
  };
}
