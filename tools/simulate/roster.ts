import { readFileSync } from 'node:fs';

/** What the simulator needs of the seeded roster to choose customers' regions and windows it can serve. */
export interface RosterTechnician {
  technicianId: string;
  homeRegion: string;
  regions: string[];
  skills: string[];
  licences?: { skill: string; validUntil: string }[];
  /** keyed mon…sun, UTC hours "HH:MM" */
  workingHours: Partial<Record<Weekday, { start: string; end: string }>>;
  active?: boolean;
  timeOff?: { from: string; to: string }[];
}

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** the skills dispatch only gives to a technician holding a valid licence (libs/dispatch LICENSED_SKILLS) */
const LICENSED = new Set(['gas-safe', 'electrician', 'refrigeration', 'hvac']);

export function loadRoster(file: string): RosterTechnician[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RosterTechnician[] | { technicians: RosterTechnician[] };
  return Array.isArray(raw) ? raw : raw.technicians;
}

export const weekdayOf = (dayStart: number): Weekday => WEEKDAYS[new Date(dayStart).getUTCDay()];
const dayKey = (dayStart: number): string => new Date(dayStart).toISOString().slice(0, 10);

const covers = (t: RosterTechnician, region: string) =>
  t.active !== false && (t.homeRegion === region || t.regions.includes(region));
const licensed = (t: RosterTechnician, skill: string, day: string) =>
  !LICENSED.has(skill) || (t.licences ?? []).some((l) => l.skill === skill && l.validUntil >= day);

export function regionsOf(roster: readonly RosterTechnician[]): string[] {
  return [...new Set(roster.flatMap((t) => [t.homeRegion, ...t.regions]))].sort();
}

/** Technicians who could take work of this skill in the region at all (any day). */
export function qualified(roster: readonly RosterTechnician[], region: string, skill: string): RosterTechnician[] {
  return roster.filter((t) => covers(t, region) && t.skills.includes(skill));
}

const away = (t: RosterTechnician, dayStart: number) =>
  (t.timeOff ?? []).some((o) => Date.parse(o.from) < dayStart + 86_400_000 && Date.parse(o.to) > dayStart);

/** Whether somebody qualified works in the region on this UTC day (licence valid, not on leave). */
export function canServe(
  roster: readonly RosterTechnician[],
  region: string,
  skill: string,
  dayStart: number,
): boolean {
  const day = dayKey(dayStart);
  const weekday = weekdayOf(dayStart);
  return qualified(roster, region, skill).some(
    (t) => t.workingHours[weekday] !== undefined && licensed(t, skill, day) && !away(t, dayStart),
  );
}

const WEEKDAY_HOURS = { start: '08:00', end: '17:00' };

/**
 * Technicians the simulator hires (as a dispatcher would, through dispatch's REST API) so that a big
 * run is not capped by the seeded roster: per region, every skill of the roster with its licence.
 * Ids are fixed (not per run), so a second run reuses them.
 */
export function hiredTechnicians(
  roster: readonly RosterTechnician[],
  perRegion: number,
): (RosterTechnician & { name: string; email: string })[] {
  const skills = [...new Set(roster.flatMap((t) => t.skills))].sort();
  return regionsOf(roster).flatMap((region) =>
    Array.from({ length: perRegion }, (_, i) => ({
      technicianId: `T-SIM-${region.toUpperCase()}-${String(i + 1).padStart(2, '0')}`,
      name: `Simulated technician ${i + 1} (${region})`,
      email: `sim.${region}.${i + 1}@technicians.example`,
      homeRegion: region,
      regions: [region],
      skills,
      licences: skills.filter((s) => LICENSED.has(s)).map((skill) => ({ skill, validUntil: '2099-12-31' })),
      workingHours: {
        mon: WEEKDAY_HOURS,
        tue: WEEKDAY_HOURS,
        wed: WEEKDAY_HOURS,
        thu: WEEKDAY_HOURS,
        fri: WEEKDAY_HOURS,
      },
    })),
  );
}
