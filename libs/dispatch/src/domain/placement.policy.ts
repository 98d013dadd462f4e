import { Booking, clashes } from './booking';
import { Demand } from './demand';
import {
  coversRegion,
  hasSkill,
  isLibraryTechnician,
  licenceValidOn,
  Technician,
  timeOffIntervals,
  workingInterval,
} from './technician';
import { dayKey, Interval, MINUTE, overlaps, shortIso, startOfDay } from './time';

/** The checks a dispatcher may override, with a reason (a taken slot, an inactive or a library technician never). */
export const OVERRIDABLE_CHECKS = ['region', 'skill', 'licence', 'hours', 'time-off'] as const;
export type OverridableCheck = (typeof OVERRIDABLE_CHECKS)[number];

export interface PlacementRequest {
  technician: Technician;
  slot: Interval;
  /** the bookings of the technician's day, as the decision saw them */
  bookings: readonly Booking[];
  bufferMinutes: number;
  overrideReason?: string;
}

export type PlacementDecision =
  | { outcome: 'place'; failedChecks: OverridableCheck[]; reason: string }
  | {
      outcome: 'refused';
      refusal: 'inactive' | 'library-technician' | 'slot-taken' | 'override-reason-required';
      message: string;
    };

/** Every check the technician fails for this job in exactly this slot (none: qualified). */
export function failedChecks(
  technician: Technician,
  job: Pick<Demand, 'requiredSkill' | 'region'>,
  slot: Interval,
): OverridableCheck[] {
  const hours = workingInterval(technician, startOfDay(slot.from));
  const checks: Record<OverridableCheck, boolean> = {
    region: coversRegion(technician, job.region),
    skill: hasSkill(technician, job.requiredSkill),
    licence: licenceValidOn(technician, job.requiredSkill, dayKey(slot.from)),
    hours: !!hours && slot.from >= hours.from && slot.to <= hours.to,
    'time-off': !timeOffIntervals(technician).some((off) => overlaps(off, slot)),
  };
  return OVERRIDABLE_CHECKS.filter((check) => !checks[check]);
}

/**
 * A dispatcher's placement of a work order with a technician at a start time. The calendar is
 * never overridden (one booking per slot, travel buffer included; the order's own earlier booking
 * does not count, it is given back); a failed qualification is, but only with a reason. Says why.
 */
export function decidePlacement(order: Demand, request: PlacementRequest): PlacementDecision {
  const { technician, slot } = request;
  const who = `technician ${technician.technicianId}`;
  if (!technician.active) return { outcome: 'refused', refusal: 'inactive', message: `${who} is not active` };
  if (isLibraryTechnician(technician)) {
    const message = `${who} works at library branch ${technician.branch} on queue items only`;
    return { outcome: 'refused', refusal: 'library-technician', message };
  }
  const blockedUntil = slot.to + request.bufferMinutes * MINUTE;
  const taken = request.bookings.find(
    (booking) => booking.workOrderId !== order.workOrderId && clashes(booking, slot.from, blockedUntil),
  );
  if (taken) {
    const message = `${who} is booked from ${shortIso(taken.from)} to ${shortIso(taken.blockedUntil)} (travel included)`;
    return { outcome: 'refused', refusal: 'slot-taken', message };
  }
  const failed = failedChecks(technician, order, slot);
  const placed = `placed by hand at ${shortIso(slot.from)}`;
  if (failed.length === 0) return { outcome: 'place', failedChecks: [], reason: `${placed} (qualified)` };
  const overrideReason = request.overrideReason?.trim();
  if (!overrideReason) {
    const message = `${who} fails ${failed.join(', ')} for this work order: an overrideReason is required to place it`;
    return { outcome: 'refused', refusal: 'override-reason-required', message };
  }
  return {
    outcome: 'place',
    failedChecks: failed,
    reason: `${placed}, overriding ${failed.join(', ')}: ${overrideReason}`,
  };
}
