import { Booking } from './booking';
import { earliestSlot, SlotMiss } from './slot-search';
import { coversRegion, hasSkill, needsLicence, Technician } from './technician';
import { dayKey, daysOf, Interval, shortIso } from './time';
import { Demand, searchRange } from './work-order';

export interface AssignmentSettings {
  bufferMinutes: number;
  horizonDays: number;
  stepMinutes?: number;
}

/** What the policy sees of the calendars: per technician, per day, the bookings. */
export type CalendarView = ReadonlyMap<string, ReadonlyMap<string, readonly Booking[]>>;

export type AssignmentDecision =
  | { outcome: 'assign'; technician: Technician; slot: Interval; day: string; jobsThatDay: number; reason: string }
  | { outcome: 'unassignable'; reason: string };

/** Technicians worth reading calendars for: active, in the region, with the skill, not excluded. */
export function candidatesFor(
  demand: Pick<Demand, 'region' | 'requiredSkill'>,
  roster: readonly Technician[],
  exclude: readonly string[] = [],
): Technician[] {
  return roster.filter(
    (t) =>
      t.active &&
      !exclude.includes(t.technicianId) &&
      coversRegion(t, demand.region) &&
      hasSkill(t, demand.requiredSkill),
  );
}

/** The UTC days the search may touch (the calendar documents to read). */
export function daysToRead(
  demand: Pick<Demand, 'preferredWindow' | 'dueBy'>,
  now: number,
  settings: AssignmentSettings,
): string[] {
  const range = searchRange(demand, now, settings.horizonDays);
  return range.from < range.to ? daysOf(range).map(dayKey) : [];
}

/**
 * Picks the technician: among those who qualify (region, skill, licence valid on the day, working
 * hours, no time off, free for duration + travel buffer), the earliest feasible slot in the window
 * or before the due time, then the lightest load that day, then the fewest booked minutes. Says why,
 * or why nobody.
 */
export function decideAssignment(
  demand: Demand,
  roster: readonly Technician[],
  calendars: CalendarView,
  now: number,
  settings: AssignmentSettings,
  exclude: readonly string[] = [],
): AssignmentDecision {
  const who = exclude.length ? `no technician other than ${exclude.join(', ')}` : 'no technician';
  const { region, requiredSkill: skill } = demand;
  const range = searchRange(demand, now, settings.horizonDays);
  if (range.from >= range.to)
    return { outcome: 'unassignable', reason: `the time to do it has passed (${shortIso(range.to)})` };

  const active = roster.filter((t) => t.active && !exclude.includes(t.technicianId));
  if (!active.some((t) => coversRegion(t, region)))
    return { outcome: 'unassignable', reason: `${who} covers region ${region}` };
  const skilled = candidatesFor(demand, roster, exclude);
  if (skilled.length === 0)
    return { outcome: 'unassignable', reason: `${who} with skill ${skill} in region ${region}` };

  const misses = new Map<SlotMiss, number>();
  const options: { technician: Technician; slot: Interval; day: string; jobs: number; minutes: number }[] = [];
  for (const technician of skilled) {
    const days = calendars.get(technician.technicianId) ?? new Map<string, Booking[]>();
    const found = earliestSlot(technician, days, {
      requiredSkill: skill,
      durationMinutes: demand.durationMinutes,
      range,
      bufferMinutes: settings.bufferMinutes,
      stepMinutes: settings.stepMinutes,
    });
    if ('miss' in found) {
      misses.set(found.miss, (misses.get(found.miss) ?? 0) + 1);
      continue;
    }
    const sameDay = days.get(found.day) ?? [];
    options.push({
      technician,
      ...found,
      jobs: sameDay.length,
      minutes: sameDay.reduce((m, b) => m + (b.to - b.from), 0),
    });
  }

  if (options.length === 0) {
    const period = `between ${shortIso(range.from)} and ${shortIso(range.to)}`;
    const licensed = skilled.length - (misses.get('licence') ?? 0);
    if (needsLicence(skill) && licensed === 0)
      return { outcome: 'unassignable', reason: `${who} with a valid ${skill} licence in region ${region}` };
    const working = licensed - (misses.get('hours') ?? 0);
    if (working === 0)
      return { outcome: 'unassignable', reason: `${who} with skill ${skill} in region ${region} is working ${period}` };
    return {
      outcome: 'unassignable',
      reason: `all ${working} qualified technicians in region ${region} are fully booked ${period}`,
    };
  }

  options.sort(
    (a, b) =>
      a.slot.from - b.slot.from ||
      a.jobs - b.jobs ||
      a.minutes - b.minutes ||
      a.technician.technicianId.localeCompare(b.technician.technicianId),
  );
  const best = options[0];
  const jobs = `${best.jobs} job${best.jobs === 1 ? '' : 's'} that day`;
  return {
    outcome: 'assign',
    technician: best.technician,
    slot: best.slot,
    day: best.day,
    jobsThatDay: best.jobs,
    reason: `earliest slot ${shortIso(best.slot.from)}, ${jobs} (${options.length} of ${skilled.length} qualified technicians free)`,
  };
}
