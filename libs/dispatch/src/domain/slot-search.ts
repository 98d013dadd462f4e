import { Booking, clashes } from './booking';
import { coversRegion, hasSkill, licenceValidOn, Technician, timeOffIntervals, workingInterval } from './technician';
import { ceilTo, dayKey, daysOf, Interval, MINUTE, overlaps, startOfDay } from './time';

export interface SlotRequest {
  requiredSkill: string;
  durationMinutes: number;
  range: Interval;
  bufferMinutes: number;
  /** candidate start times are multiples of this (readable times: 08:00, 09:45 …) */
  stepMinutes?: number;
}

export type SlotMiss = 'licence' | 'hours' | 'booked';

export type SlotResult = { slot: Interval; day: string } | { miss: SlotMiss };

/**
 * The earliest start at which the technician can do the job: licence valid that day, inside their
 * working hours and the requested range, clear of time off, and clear of every booking including
 * the travel buffer on both sides. Otherwise why not: no valid licence on any day, no working time
 * in the range, or booked full.
 */
export function earliestSlot(
  technician: Technician,
  bookingsByDay: ReadonlyMap<string, readonly Booking[]>,
  req: SlotRequest,
): SlotResult {
  const duration = req.durationMinutes * MINUTE;
  const buffer = req.bufferMinutes * MINUTE;
  const step = (req.stepMinutes ?? 15) * MINUTE;
  const timeOff = timeOffIntervals(technician);
  let licensedSomeDay = false;
  let workedSomeDay = false;
  for (const dayStart of daysOf(req.range)) {
    const day = dayKey(dayStart);
    if (!licenceValidOn(technician, req.requiredSkill, day)) continue;
    licensedSomeDay = true;
    const hours = workingInterval(technician, dayStart);
    if (!hours) continue;
    const lo = Math.max(hours.from, req.range.from);
    const hi = Math.min(hours.to, req.range.to);
    if (hi - lo < duration) continue;
    const free = (from: number) => !timeOff.some((o) => overlaps(o, { from, to: from + duration }));
    if (!timeOff.some((o) => o.from <= lo && o.to >= hi)) workedSomeDay = true;
    const bookings = bookingsByDay.get(day) ?? [];
    const candidates = [lo, ...bookings.map((b) => b.blockedUntil), ...timeOff.map((o) => o.to)]
      .map((s) => ceilTo(s, step))
      .filter((s) => s >= lo && s + duration <= hi)
      .sort((a, b) => a - b);
    for (const from of candidates) {
      if (free(from) && !bookings.some((b) => clashes(b, from, from + duration + buffer))) {
        return { slot: { from, to: from + duration }, day };
      }
    }
  }
  if (!licensedSomeDay) return { miss: 'licence' };
  return { miss: workedSomeDay ? 'booked' : 'hours' };
}

export type QualificationMiss = 'inactive' | 'region' | 'skill' | 'licence' | 'hours' | 'time-off';

/** Can this technician do this job in exactly this slot (ignoring the calendar)? */
export function qualifiesFor(
  technician: Technician,
  job: { requiredSkill: string; region: string },
  slot: Interval,
): { ok: true } | { ok: false; miss: QualificationMiss } {
  if (!technician.active) return { ok: false, miss: 'inactive' };
  if (!coversRegion(technician, job.region)) return { ok: false, miss: 'region' };
  if (!hasSkill(technician, job.requiredSkill)) return { ok: false, miss: 'skill' };
  if (!licenceValidOn(technician, job.requiredSkill, dayKey(slot.from))) return { ok: false, miss: 'licence' };
  const hours = workingInterval(technician, startOfDay(slot.from));
  if (!hours || slot.from < hours.from || slot.to > hours.to) return { ok: false, miss: 'hours' };
  if (timeOffIntervals(technician).some((o) => overlaps(o, slot))) return { ok: false, miss: 'time-off' };
  return { ok: true };
}
