import { clockMinutes, DAY, Interval, MINUTE, startOfDay, Weekday, weekdayOf } from './time';

export interface WorkingDay {
  /** HH:MM in UTC */
  start: string;
  end: string;
}

export interface Licence {
  skill: string;
  number?: string;
  /** last day (YYYY-MM-DD, inclusive) on which the licence is valid */
  validUntil: string;
}

export interface TimeOff {
  from: string;
  to: string;
  reason?: string;
}

export interface Technician {
  technicianId: string;
  name: string;
  email?: string;
  phone?: string;
  locale: string;
  skills: string[];
  licences: Licence[];
  homeRegion: string;
  regions: string[];
  workingHours: Partial<Record<Weekday, WorkingDay>>;
  timeOff: TimeOff[];
  active: boolean;
  /** a library technician's branch: they work there on queue items only, never on appliance work */
  branch?: string;
}

/** Skills a technician may only practise with a licence valid on the day of the job. */
export const LICENSED_SKILLS: ReadonlySet<string> = new Set(['gas-safe', 'electrician', 'refrigeration', 'hvac']);

export const needsLicence = (skill: string): boolean => LICENSED_SKILLS.has(skill);

/** Works at a library branch on queue items (no travel, no customer visit). */
export const isLibraryTechnician = (technician: Technician): boolean => technician.branch !== undefined;

/** A library technician covers no region: no appliance work order, slot or booking ever reaches them. */
export const coversRegion = (technician: Technician, region: string): boolean =>
  !isLibraryTechnician(technician) && (technician.homeRegion === region || technician.regions.includes(region));

export const hasSkill = (technician: Technician, skill: string): boolean => technician.skills.includes(skill);

export const licenceValidOn = (technician: Technician, skill: string, day: string): boolean =>
  !needsLicence(skill) || technician.licences.some((l) => l.skill === skill && l.validUntil >= day);

/** The technician's working interval on the UTC day starting at `dayStart`, if they work that day. */
export function workingInterval(technician: Technician, dayStart: number): Interval | undefined {
  const hours = technician.workingHours[weekdayOf(dayStart)];
  if (!hours) return undefined;
  const from = dayStart + clockMinutes(hours.start) * MINUTE;
  const to = dayStart + clockMinutes(hours.end) * MINUTE;
  return from < to ? { from, to } : undefined;
}

export const timeOffIntervals = (technician: Technician): Interval[] =>
  technician.timeOff.map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to) }));

/**
 * The first moment at or after `now` at which the technician is inside their working hours and not
 * on time off, looking `horizonDays` ahead; undefined when they do not work in that time.
 */
export function nextWorkingMoment(technician: Technician, now: number, horizonDays: number): number | undefined {
  const timeOff = timeOffIntervals(technician);
  for (let day = 0; day <= horizonDays; day += 1) {
    const hours = workingInterval(technician, startOfDay(now) + day * DAY);
    if (!hours || hours.to <= now) continue;
    let at = Math.max(now, hours.from);
    // step past each time off that covers the moment (they may overlap or follow each other)
    for (
      let off = timeOff.find((o) => o.from <= at && at < o.to);
      off;
      off = timeOff.find((o) => o.from <= at && at < o.to)
    )
      at = off.to;
    if (at < hours.to) return at;
  }
  return undefined;
}
