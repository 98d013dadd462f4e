import { CalendarView, candidatesFor } from './assignment.policy';
import { Booking } from './booking';
import { Demand } from './demand';
import { earliestSlot, QualificationMiss, qualifiesFor } from './slot-search';
import { Technician } from './technician';
import { DAY, Interval, MINUTE, shortIso } from './time';

export interface SlotOfferSettings {
  /** how far ahead windows are offered */
  slotDays: number;
  /** how many windows at most */
  slotCount: number;
  bufferMinutes: number;
  stepMinutes?: number;
}

/** The order as offering sees it: the job, who declined it, and the booking it holds (if any). */
export type OfferedJob = Pick<Demand, 'workOrderId' | 'requiredSkill' | 'region' | 'durationMinutes'> & {
  declinedBy: readonly string[];
  technicianId?: string;
  window?: { from: string };
};

export interface SlotOffer {
  technician: Technician;
  slot: Interval;
  day: string;
  /** the technician's jobs that day: the lighter-loaded technician gets a window two could serve */
  jobs: number;
}

/** Windows are offered from now over the next `slotDays` days. */
export const offerRange = (now: number, settings: Pick<SlotOfferSettings, 'slotDays'>): Interval => ({
  from: now,
  to: now + settings.slotDays * DAY,
});

/** The day's bookings without the order's own: a move may overlap the time it gives up. */
const othersOn = (days: ReadonlyMap<string, readonly Booking[]>, workOrderId: string) =>
  new Map([...days].map(([day, bookings]) => [day, bookings.filter((b) => b.workOrderId !== workOrderId)]));

/**
 * The next free windows for the job, earliest first: of active technicians covering the region with
 * the skill who did not decline it, each window on a day their licence is valid, inside their
 * working hours, clear of time off and of every other booking with the travel buffer — the slot
 * search of automatic assignment (earliestSlot), asked again after each window found. One window per
 * start time (the technician with fewer jobs that day), never the order's current start.
 */
export function offerSlots(
  job: OfferedJob,
  roster: readonly Technician[],
  calendars: CalendarView,
  range: Interval,
  settings: SlotOfferSettings,
): SlotOffer[] {
  const current = job.window ? Date.parse(job.window.from) : undefined;
  const byStart = new Map<number, SlotOffer>();
  for (const technician of candidatesFor(job, roster, job.declinedBy)) {
    const days = othersOn(calendars.get(technician.technicianId) ?? new Map(), job.workOrderId);
    for (const offer of windowsOf(technician, days, job, range, settings)) {
      if (offer.slot.from === current) continue;
      const known = byStart.get(offer.slot.from);
      if (!known || byLighterLoad(offer, known) < 0) byStart.set(offer.slot.from, offer);
    }
  }
  return [...byStart.values()].sort((a, b) => a.slot.from - b.slot.from).slice(0, settings.slotCount);
}

const byLighterLoad = (a: SlotOffer, b: SlotOffer): number =>
  a.jobs - b.jobs || a.technician.technicianId.localeCompare(b.technician.technicianId);

/** One technician's earliest windows that do not overlap each other (travel included), up to what may be offered. */
function windowsOf(
  technician: Technician,
  days: ReadonlyMap<string, readonly Booking[]>,
  job: OfferedJob,
  range: Interval,
  settings: SlotOfferSettings,
): SlotOffer[] {
  const offers: SlotOffer[] = [];
  const buffer = settings.bufferMinutes * MINUTE;
  // one more than offered: the order's current start may be among them and is skipped
  for (let from = range.from; offers.length <= settings.slotCount;) {
    const found = earliestSlot(technician, days, {
      requiredSkill: job.requiredSkill,
      durationMinutes: job.durationMinutes,
      range: { from, to: range.to },
      bufferMinutes: settings.bufferMinutes,
      stepMinutes: settings.stepMinutes,
    });
    if ('miss' in found) break;
    offers.push({ technician, ...found, jobs: days.get(found.day)?.length ?? 0 });
    from = found.slot.to + buffer;
  }
  return offers;
}

export type SlotRefusal = { why: 'not-offered' | 'declined' | QualificationMiss; message: string };

const QUALIFICATION_MESSAGES: Record<QualificationMiss, (technician: Technician, job: OfferedJob) => string> = {
  inactive: (t) => `technician ${t.technicianId} is not active`,
  region: (t, job) => `technician ${t.technicianId} does not cover region ${job.region}`,
  skill: (t, job) => `technician ${t.technicianId} lacks skill ${job.requiredSkill}`,
  licence: (t, job) => `technician ${t.technicianId} has no ${job.requiredSkill} licence valid that day`,
  hours: (t) => `technician ${t.technicianId} does not work then`,
  'time-off': (t) => `technician ${t.technicianId} is off then`,
};

/**
 * Why a chosen slot is not one that could be offered (undefined: it could, calendar aside): outside
 * the offered days, off the start-time grid, the current appointment itself, a technician who
 * declined the job, or one who no longer qualifies (active, region, skill, licence that day,
 * working hours, time off). Whether it is still free is the calendar's answer (slot-taken).
 */
export function chosenSlotRefusal(
  job: OfferedJob,
  technician: Technician,
  slot: Interval,
  now: number,
  settings: SlotOfferSettings,
): SlotRefusal | undefined {
  const range = offerRange(now, settings);
  const step = (settings.stepMinutes ?? 15) * MINUTE;
  const notOffered = (message: string): SlotRefusal => ({ why: 'not-offered', message });
  if (slot.from < range.from || slot.to > range.to)
    return notOffered(`slots are offered between ${shortIso(range.from)} and ${shortIso(range.to)}`);
  if (slot.from % step !== 0) return notOffered(`slots start on the ${step / MINUTE}-minute grid`);
  if (technician.technicianId === job.technicianId && job.window && Date.parse(job.window.from) === slot.from)
    return notOffered(`that is the current appointment (${shortIso(slot.from)})`);
  if (job.declinedBy.includes(technician.technicianId))
    return { why: 'declined', message: `technician ${technician.technicianId} declined this work order` };
  const qualified = qualifiesFor(technician, job, slot);
  if (!qualified.ok) return { why: qualified.miss, message: QUALIFICATION_MESSAGES[qualified.miss](technician, job) };
  return undefined;
}
