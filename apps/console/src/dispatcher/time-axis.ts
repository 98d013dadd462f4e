import { Technician, TimeWindow, Weekday } from '../api/dispatch.api';

/** The board's time axis, in UTC like every time the services answer. */
export type BoardView = 'day' | 'week';
export interface AxisRange {
  from: number;
  to: number;
  /** the UTC days to ask dispatch for (inclusive) */
  fromDay: string;
  toDay: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** the day view shows the working day; the week view whole days */
const DAY_VIEW_HOURS = { start: 6, end: 21 };
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const todayUtc = (): string => dayOf(Date.now());
export const addDays = (day: string, n: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY);

export function axisRange(day: string, view: BoardView): AxisRange {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (view === 'week') return { from: midnight, to: midnight + 7 * DAY, fromDay: day, toDay: addDays(day, 6) };
  return {
    from: midnight + DAY_VIEW_HOURS.start * HOUR,
    to: midnight + DAY_VIEW_HOURS.end * HOUR,
    fromDay: day,
    toDay: day,
  };
}

/** Where a window sits on the axis, in percent; undefined when it is outside. */
export function placeOnAxis(window: TimeWindow, range: AxisRange): { left: number; width: number } | undefined {
  const from = Math.max(Date.parse(window.from), range.from);
  const to = Math.min(Date.parse(window.to), range.to);
  if (!(to > from)) return undefined;
  const span = range.to - range.from;
  return { left: ((from - range.from) / span) * 100, width: ((to - from) / span) * 100 };
}

/** The axis labels: hours for a day, days for a week. */
export function ticks(range: AxisRange, view: BoardView): { at: number; label: string }[] {
  const step = view === 'week' ? DAY : HOUR;
  const found: { at: number; label: string }[] = [];
  for (let at = range.from; at < range.to; at += step) {
    const iso = new Date(at).toISOString();
    const label = view === 'week' ? `${WEEKDAYS[new Date(at).getUTCDay()]} ${iso.slice(8, 10)}` : iso.slice(11, 16);
    found.push({ at, label });
  }
  return found;
}

export interface Unavailable extends TimeWindow {
  why: 'time off' | 'off hours';
  reason?: string;
}

/** The technician's time off, and the hours outside their working day, within the range. */
export function unavailableTimes(technician: Technician, range: AxisRange): Unavailable[] {
  const found: Unavailable[] = technician.timeOff.map((off) => ({ ...off, why: 'time off' as const }));
  for (let midnight = range.from - (range.from % DAY); midnight < range.to; midnight += DAY) {
    const hours = technician.workingHours[WEEKDAYS[new Date(midnight).getUTCDay()]];
    const at = (clock: string) => midnight + Number(clock.slice(0, 2)) * HOUR + Number(clock.slice(3, 5)) * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    if (!hours) {
      found.push({ from: iso(midnight), to: iso(midnight + DAY), why: 'off hours' });
      continue;
    }
    found.push({ from: iso(midnight), to: iso(at(hours.start)), why: 'off hours' });
    found.push({ from: iso(at(hours.end)), to: iso(midnight + DAY), why: 'off hours' });
  }
  return found;
}

export const shortTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
