import { booking, demand, NOW, tech } from './fixtures.spec-helper';
import { BookingRole, BumpView, chooseBump, KnownBooking } from './urgent-bump.policy';

const settings = { bufferMinutes: 30, horizonDays: 14 };
const DAY = '2026-12-01';
// 08:00–12:00 on Tuesday: room for four 30-minute-buffered hours at most
const urgent = demand({
  workOrderId: 'WO-URGENT',
  priority: 'urgent',
  durationMinutes: 60,
  preferredWindow: { from: `${DAY}T08:00:00Z`, to: `${DAY}T12:00:00Z` },
});

const known = (
  workOrderId: string,
  from: string,
  minutes: number,
  role: BookingRole,
  over: Partial<KnownBooking> = {},
): KnownBooking => ({ ...booking(workOrderId, `${DAY}T${from}:00Z`, minutes), role, priority: 'normal', ...over });

const view = (entries: Record<string, KnownBooking[]>): BumpView =>
  new Map(Object.entries(entries).map(([technicianId, bookings]) => [technicianId, new Map([[DAY, bookings]])]));

// the window is full: 08:00–09:30 and 10:00–11:30, each with its 30 minutes of travel after it
const full = (first: Partial<KnownBooking> = {}, second: Partial<KnownBooking> = {}) => [
  known('WO-A', '08:00', 90, 'bumpable', first),
  known('WO-B', '10:00', 90, 'bumpable', second),
];

describe('urgent bump policy', () => {
  it('takes the slot of the latest-due normal order that frees a window fitting the urgent one, and says why', () => {
    const decision = chooseBump(
      urgent,
      [tech()],
      view({
        'T-1': full({ dueAt: Date.parse('2026-12-03T17:00:00Z') }, { dueAt: Date.parse('2026-12-09T17:00:00Z') }),
      }),
      NOW,
      settings,
    );
    expect(decision).toMatchObject({
      outcome: 'bump',
      technician: { technicianId: 'T-1' },
      day: DAY,
      slot: { from: Date.parse(`${DAY}T10:00:00Z`), to: Date.parse(`${DAY}T11:00:00Z`) },
      victim: { workOrderId: 'WO-B' },
      freed: ['b-WO-B'],
    });
    expect(decision.reason).toBe(
      'urgent: took the slot of normal work order WO-B (due 2026-12-09T17:00Z, the latest due that frees a slot), 2026-12-01T10:00Z with T-1',
    );
  });

  it('bumps a normal order before a high one, and an order without a due time before one with', () => {
    const highFirst = chooseBump(urgent, [tech()], view({ 'T-1': full({ priority: 'high' }) }), NOW, settings);
    expect(highFirst).toMatchObject({ outcome: 'bump', victim: { workOrderId: 'WO-B' } });
    const undated = chooseBump(
      urgent,
      [tech()],
      view({ 'T-1': full({}, { dueAt: Date.parse('2026-12-02T17:00:00Z') }) }),
      NOW,
      settings,
    );
    expect(undated).toMatchObject({ outcome: 'bump', victim: { workOrderId: 'WO-A' } });
  });

  it('never takes an urgent, accepted, started or foreign booking, nor one whose removal does not make room', () => {
    const fixed = chooseBump(
      urgent,
      [tech()],
      view({ 'T-1': [known('WO-A', '08:00', 90, 'fixed'), known('WO-B', '10:00', 90, 'fixed')] }),
      NOW,
      settings,
    );
    expect(fixed).toEqual({
      outcome: 'none',
      reason: 'no booked non-urgent order of a qualified technician frees a slot for it in time',
    });
    // a 30-minute order between two fixed ones frees 09:30–10:00 only: too short for an hour
    const tooShort = chooseBump(
      urgent,
      [tech()],
      view({
        'T-1': [
          known('WO-A', '08:00', 60, 'fixed'),
          known('WO-S', '09:30', 30, 'bumpable'),
          known('WO-B', '10:30', 60, 'fixed'),
        ],
      }),
      NOW,
      settings,
    );
    expect(tooShort.outcome).toBe('none');
    expect(chooseBump({ ...urgent, priority: 'high' }, [tech()], view({ 'T-1': full() }), NOW, settings)).toEqual({
      outcome: 'none',
      reason: 'only urgent work takes another booking',
    });
  });

  it('checks the technician can do it that day: licence, working hours', () => {
    const expired = tech({ licences: [{ skill: 'gas-safe', validUntil: '2026-11-30' }] });
    expect(chooseBump(urgent, [expired], view({ 'T-1': full() }), NOW, settings).outcome).toBe('none');
    const offOnTuesdays = tech({ workingHours: { mon: { start: '08:00', end: '17:00' } } });
    expect(chooseBump(urgent, [offOnTuesdays], view({ 'T-1': full() }), NOW, settings).outcome).toBe('none');
  });

  it('takes a slot given up by an interrupted bump without a new victim', () => {
    const decision = chooseBump(
      urgent,
      [tech()],
      view({ 'T-1': [known('WO-A', '08:00', 90, 'bumpable'), known('WO-GONE', '10:00', 90, 'given-up')] }),
      NOW,
      settings,
    );
    expect(decision).toMatchObject({
      outcome: 'bump',
      freed: ['b-WO-GONE'],
      slot: { from: Date.parse(`${DAY}T10:00:00Z`) },
    });
    expect(decision.outcome === 'bump' && decision.victim).toBeFalsy();
    expect(decision.reason).toBe('urgent: took a slot given up earlier, 2026-12-01T10:00Z with T-1');
  });

  it('prefers the technician whose bump frees the earliest slot when the victims are alike', () => {
    const decision = chooseBump(
      urgent,
      [tech({ technicianId: 'T-1' }), tech({ technicianId: 'T-2' })],
      view({
        'T-1': [known('WO-A', '08:00', 90, 'fixed'), known('WO-B', '10:00', 90, 'bumpable')],
        'T-2': [known('WO-C', '08:00', 90, 'bumpable'), known('WO-D', '10:00', 90, 'fixed')],
      }),
      NOW,
      settings,
    );
    expect(decision).toMatchObject({ technician: { technicianId: 'T-2' }, victim: { workOrderId: 'WO-C' } });
  });
});
