import { AssignmentSettings } from './assignment.policy';
import { Booking } from './booking';
import { Demand, Priority, searchRange } from './demand';
import { earliestSlot } from './slot-search';
import { Technician } from './technician';
import { DAY, Interval, shortIso } from './time';

/**
 * What a booking in a technician's day is to a bump: `bumpable` (a booked, not yet accepted or
 * started order that is not urgent and still holds this booking), `given-up` (its order released
 * it already: an interrupted bump or release left it behind, and it may be taken), or `fixed`.
 */
export type BookingRole = 'bumpable' | 'given-up' | 'fixed';

export interface KnownBooking extends Booking {
  role: BookingRole;
  /** of a bumpable booking's order */
  priority?: Priority;
  /** when a bumpable booking's order must be done by (none: any time in the horizon) */
  dueAt?: number;
}

/** Per qualified technician, per day of the urgent order's search range, the bookings and what they are. */
export type BumpView = ReadonlyMap<string, ReadonlyMap<string, readonly KnownBooking[]>>;

export type BumpDecision =
  | {
      outcome: 'bump';
      technician: Technician;
      day: string;
      slot: Interval;
      /** the order whose booking is taken (none: only bookings already given up are taken) */
      victim?: KnownBooking;
      /** every booking the urgent one replaces in that day */
      freed: string[];
      reason: string;
    }
  | { outcome: 'none'; reason: string };

interface Option {
  technician: Technician;
  day: string;
  slot: Interval;
  victim?: KnownBooking;
  freed: string[];
}

const RANK: Record<Priority, number> = { normal: 0, high: 1, urgent: 2 };

/**
 * Urgent work that found no free slot may take the slot of a booked, not started, non-urgent order
 * of a qualified technician. Which one: a slot freed by bookings already given up needs no victim;
 * otherwise a normal order before a high one, the latest due first (it has the most time left to
 * be booked again), then the earliest slot it frees for the urgent one. `candidates` are the
 * qualified technicians (active, region, skill); licence, hours and time off are checked per day.
 */
export function chooseBump(
  urgent: Demand,
  candidates: readonly Technician[],
  view: BumpView,
  now: number,
  settings: AssignmentSettings,
): BumpDecision {
  if (urgent.priority !== 'urgent') return { outcome: 'none', reason: 'only urgent work takes another booking' };
  const range = searchRange(urgent, now, settings.horizonDays);
  const options = candidates.flatMap((technician) =>
    [...(view.get(technician.technicianId) ?? new Map<string, KnownBooking[]>())].flatMap(([day, bookings]) =>
      optionsOn(urgent, technician, day, bookings, range, settings),
    ),
  );
  if (options.length === 0)
    return {
      outcome: 'none',
      reason: 'no booked non-urgent order of a qualified technician frees a slot for it in time',
    };
  const [best] = options.sort(byLeastHarm);
  return { outcome: 'bump', ...best, reason: reasonFor(best) };
}

/** The ways this day can fit the urgent order: with what is already given up, or with one victim more. */
function optionsOn(
  urgent: Demand,
  technician: Technician,
  day: string,
  bookings: readonly KnownBooking[],
  range: Interval,
  settings: AssignmentSettings,
): Option[] {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const within = { from: Math.max(range.from, dayStart), to: Math.min(range.to, dayStart + DAY) };
  if (within.from >= within.to) return [];
  const givenUp = bookings.filter((booking) => booking.role === 'given-up').map((booking) => booking.bookingId);
  const kept = bookings.filter((booking) => booking.role !== 'given-up');
  const slotWithout = (victim?: KnownBooking) => {
    const staying = kept.filter((booking) => booking !== victim);
    const found = earliestSlot(technician, new Map([[day, staying]]), {
      requiredSkill: urgent.requiredSkill,
      durationMinutes: urgent.durationMinutes,
      range: within,
      bufferMinutes: settings.bufferMinutes,
      stepMinutes: settings.stepMinutes,
    });
    return 'slot' in found ? found.slot : undefined;
  };
  const free = slotWithout();
  if (free) return [{ technician, day, slot: free, freed: givenUp }];
  return kept
    .filter((booking) => booking.role === 'bumpable')
    .flatMap((victim) => {
      const slot = slotWithout(victim);
      return slot ? [{ technician, day, slot, victim, freed: [victim.bookingId, ...givenUp] }] : [];
    });
}

/** No victim first; then a normal order before a high one, the latest due, the earliest slot. */
function byLeastHarm(a: Option, b: Option): number {
  if (!a.victim || !b.victim) return (a.victim ? 1 : 0) - (b.victim ? 1 : 0) || a.slot.from - b.slot.from;
  return (
    RANK[a.victim.priority ?? 'normal'] - RANK[b.victim.priority ?? 'normal'] ||
    (b.victim.dueAt ?? Infinity) - (a.victim.dueAt ?? Infinity) ||
    a.slot.from - b.slot.from ||
    a.technician.technicianId.localeCompare(b.technician.technicianId) ||
    a.victim.bookingId.localeCompare(b.victim.bookingId)
  );
}

function reasonFor(option: Option): string {
  const at = `${shortIso(option.slot.from)} with ${option.technician.technicianId}`;
  if (!option.victim) return `urgent: took a slot given up earlier, ${at}`;
  const { victim } = option;
  const due = victim.dueAt === undefined ? 'no due time' : `due ${shortIso(victim.dueAt)}`;
  return `urgent: took the slot of ${victim.priority ?? 'normal'} work order ${victim.workOrderId} (${due}, the latest due that frees a slot), ${at}`;
}
