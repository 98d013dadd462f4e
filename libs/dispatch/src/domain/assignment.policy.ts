import { Booking } from './booking';
import { Demand, searchRange } from './demand';
import { earliestSlot, SlotMiss } from './slot-search';
import { coversRegion, hasSkill, needsLicence, Technician } from './technician';
import { dayKey, daysOf, Interval, shortIso } from './time';

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
    (technician) =>
      technician.active &&
      !exclude.includes(technician.technicianId) &&
      coversRegion(technician, demand.region) &&
      hasSkill(technician, demand.requiredSkill),
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

/** A technician who could do it, with the earliest slot and how loaded that day already is. */
interface Option {
  technician: Technician;
  slot: Interval;
  day: string;
  jobs: number;
  minutes: number;
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

  const active = roster.filter((technician) => technician.active && !exclude.includes(technician.technicianId));
  if (!active.some((technician) => coversRegion(technician, region)))
    return { outcome: 'unassignable', reason: `${who} covers region ${region}` };
  const skilled = candidatesFor(demand, roster, exclude);
  if (skilled.length === 0)
    return { outcome: 'unassignable', reason: `${who} with skill ${skill} in region ${region}` };

  const { options, misses } = optionsFor(demand, skilled, calendars, range, settings);
  if (options.length === 0) return { outcome: 'unassignable', reason: whyNobody(demand, who, skilled, misses, range) };
  const [best] = options.sort(byBestOption);
  const jobs = `${best.jobs} job${best.jobs === 1 ? '' : 's'} that day`;
  const free = `${options.length} of ${skilled.length} qualified technicians free`;
  return {
    outcome: 'assign',
    technician: best.technician,
    slot: best.slot,
    day: best.day,
    jobsThatDay: best.jobs,
    reason: `earliest slot ${shortIso(best.slot.from)}, ${jobs} (${free})`,
  };
}

/** The earliest slot, then the fewest jobs that day, then the fewest booked minutes. */
const byBestOption = (a: Option, b: Option): number =>
  a.slot.from - b.slot.from ||
  a.jobs - b.jobs ||
  a.minutes - b.minutes ||
  a.technician.technicianId.localeCompare(b.technician.technicianId);

/** Each skilled technician's earliest slot in the range, or why they have none. */
function optionsFor(
  demand: Demand,
  skilled: readonly Technician[],
  calendars: CalendarView,
  range: Interval,
  settings: AssignmentSettings,
): { options: Option[]; misses: Map<SlotMiss, number> } {
  const misses = new Map<SlotMiss, number>();
  const options: Option[] = [];
  for (const technician of skilled) {
    const days = calendars.get(technician.technicianId) ?? new Map<string, Booking[]>();
    const found = earliestSlot(technician, days, {
      requiredSkill: demand.requiredSkill,
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
    const minutes = sameDay.reduce((total, booking) => total + (booking.to - booking.from), 0);
    options.push({ technician, ...found, jobs: sameDay.length, minutes });
  }
  return { options, misses };
}

/** Nobody skilled has a slot: no valid licence, nobody working then, or everyone fully booked. */
function whyNobody(
  demand: Demand,
  who: string,
  skilled: readonly Technician[],
  misses: ReadonlyMap<SlotMiss, number>,
  range: Interval,
): string {
  const { region, requiredSkill: skill } = demand;
  const period = `between ${shortIso(range.from)} and ${shortIso(range.to)}`;
  const licensed = skilled.length - (misses.get('licence') ?? 0);
  if (needsLicence(skill) && licensed === 0) return `${who} with a valid ${skill} licence in region ${region}`;
  const working = licensed - (misses.get('hours') ?? 0);
  if (working === 0) return `${who} with skill ${skill} in region ${region} is working ${period}`;
  return `all ${working} qualified technicians in region ${region} are fully booked ${period}`;
}
