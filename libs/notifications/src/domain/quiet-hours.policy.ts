import type { Urgency } from '@appliance-care/notification-rules';

import { QuietHours } from './recipient';

const MINUTES_PER_DAY = 24 * 60;

const toMinutes = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

/** Local time of day in the zone, in (fractional) minutes since midnight. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute') + get('second') / 60 + at.getUTCMilliseconds() / 60_000;
}

export function isQuiet(at: Date, quiet: QuietHours): boolean {
  const from = toMinutes(quiet.from);
  const to = toMinutes(quiet.to);
  if (from === to) return false;
  const now = localMinutes(at, quiet.timezone);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** `approx` moved onto the local time of day `minutes`, once, if a daylight-saving change moved the wall clock. */
function onLocalTime(approx: Date, minutes: number, timeZone: string): Date {
  const drift =
    ((minutes - localMinutes(approx, timeZone) + MINUTES_PER_DAY * 1.5) % MINUTES_PER_DAY) - MINUTES_PER_DAY / 2;
  return Math.abs(drift) > 0.01 ? new Date(approx.getTime() + drift * 60_000) : approx;
}

/**
 * When the quiet period around `at` ends, or undefined if `at` is not quiet. Computed as elapsed
 * time, then corrected once if a daylight-saving change moved the wall clock in between.
 */
export function quietHoursEnd(at: Date, quiet: QuietHours): Date | undefined {
  if (!isQuiet(at, quiet)) return undefined;
  const to = toMinutes(quiet.to);
  const delta = (to - localMinutes(at, quiet.timezone) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return onLocalTime(new Date(at.getTime() + delta * 60_000), to, quiet.timezone);
}

/** When the quiet period around `at` began, or undefined if `at` is not quiet (what a reminder moves before). */
export function quietHoursStart(at: Date, quiet: QuietHours): Date | undefined {
  if (!isQuiet(at, quiet)) return undefined;
  const from = toMinutes(quiet.from);
  const delta = (localMinutes(at, quiet.timezone) - from + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return onLocalTime(new Date(at.getTime() - delta * 60_000), from, quiet.timezone);
}

export type { Urgency };

/** Non-urgent SMS wait for the end of quiet hours; everything else goes now. */
export function deliveryTime(
  now: Date,
  channel: string,
  urgency: Urgency,
  quiet: QuietHours | undefined,
): { dueAt: Date; delayed: boolean } {
  if (channel !== 'sms' || urgency === 'urgent' || !quiet) return { dueAt: now, delayed: false };
  const end = quietHoursEnd(now, quiet);
  return end ? { dueAt: end, delayed: true } : { dueAt: now, delayed: false };
}
