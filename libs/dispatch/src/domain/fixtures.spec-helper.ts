import { Booking } from './booking';
import { Demand } from './demand';
import { Technician } from './technician';

const weekdays = { start: '08:00', end: '17:00' };

export const tech = (over: Partial<Technician> = {}): Technician => ({
  technicianId: 'T-1',
  name: 'Priya Shah',
  locale: 'en-GB',
  skills: ['gas-safe', 'appliance-general'],
  licences: [{ skill: 'gas-safe', validUntil: '2027-12-31' }],
  homeRegion: 'london',
  regions: ['london'],
  workingHours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
  timeOff: [],
  active: true,
  ...over,
});

export const demand = (over: Partial<Demand> = {}): Demand => ({
  workOrderId: 'WO-1',
  requiredSkill: 'gas-safe',
  region: 'london',
  durationMinutes: 60,
  priority: 'normal',
  // Tuesday 2026-12-01
  preferredWindow: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T17:00:00Z' },
  createdAt: '2026-11-28T10:00:00Z',
  ...over,
});

export const booking = (workOrderId: string, from: string, minutes: number, bufferMinutes = 30): Booking => {
  const start = Date.parse(from);
  return {
    bookingId: `b-${workOrderId}`,
    workOrderId,
    from: start,
    to: start + minutes * 60_000,
    blockedUntil: start + (minutes + bufferMinutes) * 60_000,
  };
};

/** Monday 2026-11-30 00:00Z: "now" for the tests, before the Tuesday the demands ask for. */
export const NOW = Date.parse('2026-11-30T00:00:00Z');
