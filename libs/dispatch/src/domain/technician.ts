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

export const coversRegion = (t: Technician, region: string): boolean =>
  t.homeRegion === region || t.regions.includes(region);

export const hasSkill = (t: Technician, skill: string): boolean => t.skills.includes(skill);

export const licenceValidOn = (t: Technician, skill: string, day: string): boolean =>
  !needsLicence(skill) || t.licences.some((l) => l.skill === skill && l.validUntil >= day);

/** The technician's working interval on the UTC day starting at `dayStart`, if they work that day. */
export function workingInterval(t: Technician, dayStart: number): Interval | undefined {
  const hours = t.workingHours[weekdayOf(dayStart)];
  if (!hours) return undefined;
  const from = dayStart + clockMinutes(hours.start) * MINUTE;
  const to = dayStart + clockMinutes(hours.end) * MINUTE;
  return from < to ? { from, to } : undefined;
}

export const timeOffIntervals = (t: Technician): Interval[] =>
  t.timeOff.map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to) }));
