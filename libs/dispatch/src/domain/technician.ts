import { clockMinutes, Interval, MINUTE, Weekday, weekdayOf } from './time';

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
}

/** Skills a technician may only practise with a licence valid on the day of the job. */
export const LICENSED_SKILLS: ReadonlySet<string> = new Set(['gas-safe', 'electrician', 'refrigeration', 'hvac']);

export const needsLicence = (skill: string): boolean => LICENSED_SKILLS.has(skill);

export const coversRegion = (technician: Technician, region: string): boolean =>
  technician.homeRegion === region || technician.regions.includes(region);

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
