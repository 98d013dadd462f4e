/**
 * Calendar arithmetic in UTC. Working hours and days are UTC on purpose (documented in the README):
 * the regions served are all on one civil time and a dispatcher reads the same clock everywhere.
 */
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Interval {
  from: number;
  to: number;
}

/** YYYY-MM-DD of the UTC day containing `ms`. */
export const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const startOfDay = (ms: number): number => ms - (((ms % DAY) + DAY) % DAY);

export const weekdayOf = (ms: number): Weekday => WEEKDAYS[new Date(ms).getUTCDay()];

/** "08:30" → minutes after midnight; "24:00" is allowed as the end of a day. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export const overlaps = (a: Interval, b: Interval): boolean => a.from < b.to && b.from < a.to;

export const ceilTo = (ms: number, stepMs: number): number => Math.ceil(ms / stepMs) * stepMs;

/** The UTC days an interval touches, as day starts. */
export function daysOf(range: Interval): number[] {
  const days: number[] = [];
  for (let dayStart = startOfDay(range.from); dayStart < range.to; dayStart += DAY) days.push(dayStart);
  return days;
}

/** "2026-12-01T08:00Z": short and unambiguous, for reasons people read. */
export const shortIso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}Z`;
