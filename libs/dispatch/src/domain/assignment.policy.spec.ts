import { decideAssignment } from './assignment.policy';
import { Booking } from './booking';
import { byUrgency } from './demand';
import { booking, demand, NOW, tech } from './fixtures.spec-helper';

const settings = { bufferMinutes: 30, horizonDays: 14 };
const cal = (entries: Record<string, Record<string, Booking[]>>) =>
  new Map(Object.entries(entries).map(([t, days]) => [t, new Map(Object.entries(days))]));

describe('assignment policy', () => {
  it('takes the earliest feasible slot across technicians and says why', () => {
    const a = tech({ technicianId: 'T-A' });
    const b = tech({ technicianId: 'T-B' });
    const calendars = cal({ 'T-A': { '2026-12-01': [booking('X', '2026-12-01T08:00:00Z', 60)] } });
    const d = decideAssignment(demand(), [a, b], calendars, NOW, settings);
    expect(d).toMatchObject({ outcome: 'assign', technician: { technicianId: 'T-B' }, jobsThatDay: 0 });
    expect(d.reason).toBe('earliest slot 2026-12-01T08:00Z, 0 jobs that day (2 of 2 qualified technicians free)');
  });

  it('breaks a tie on the slot with the lighter load that day', () => {
    const a = tech({ technicianId: 'T-A' });
    const b = tech({ technicianId: 'T-B' });
    // both free at 13:00 only; A already has two jobs, B one
    const calendars = cal({
      'T-A': { '2026-12-01': [booking('1', '2026-12-01T08:00:00Z', 120), booking('2', '2026-12-01T10:30:00Z', 120)] },
      'T-B': { '2026-12-01': [booking('3', '2026-12-01T08:00:00Z', 270)] },
    });
    const d = decideAssignment(demand(), [a, b], calendars, NOW, settings);
    expect(d).toMatchObject({ outcome: 'assign', technician: { technicianId: 'T-B' }, jobsThatDay: 1 });
    expect(d.reason).toContain('earliest slot 2026-12-01T13:00Z, 1 job that day');
  });

  it('stays inside the preferred window and reports a full window', () => {
    const calendars = cal({ 'T-1': { '2026-12-01': [booking('1', '2026-12-01T08:00:00Z', 180)] } });
    const d = decideAssignment(
      demand({ preferredWindow: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T12:00:00Z' } }),
      [tech()],
      calendars,
      NOW,
      settings,
    );
    expect(d).toEqual({
      outcome: 'unassignable',
      reason:
        'all 1 qualified technicians in region london are fully booked between 2026-12-01T08:00Z and 2026-12-01T12:00Z',
    });
  });

  it('books before the due time, as soon as possible', () => {
    const d = decideAssignment(
      demand({ preferredWindow: undefined, dueBy: '2026-12-02T12:00:00Z', priority: 'urgent' }),
      [tech()],
      new Map(),
      Date.parse('2026-12-01T10:05:00Z'),
      settings,
    );
    expect(d).toMatchObject({ outcome: 'assign', day: '2026-12-01' });
    if (d.outcome === 'assign') expect(new Date(d.slot.from).toISOString()).toBe('2026-12-01T10:15:00.000Z');
  });

  it('names the reason when nobody qualifies', () => {
    const expired = tech({ licences: [{ skill: 'gas-safe', validUntil: '2026-11-01' }] });
    expect(decideAssignment(demand(), [expired], new Map(), NOW, settings)).toEqual({
      outcome: 'unassignable',
      reason: 'no technician with a valid gas-safe licence in region london',
    });
    expect(decideAssignment(demand({ region: 'glasgow' }), [tech()], new Map(), NOW, settings).reason).toBe(
      'no technician covers region glasgow',
    );
    expect(decideAssignment(demand({ requiredSkill: 'hvac' }), [tech()], new Map(), NOW, settings).reason).toBe(
      'no technician with skill hvac in region london',
    );
    const away = tech({ timeOff: [{ from: '2026-11-30T00:00:00Z', to: '2026-12-10T00:00:00Z' }] });
    expect(decideAssignment(demand(), [away], new Map(), NOW, settings).reason).toBe(
      'no technician with skill gas-safe in region london is working between 2026-12-01T08:00Z and 2026-12-01T17:00Z',
    );
    expect(
      decideAssignment(
        demand({ preferredWindow: undefined, dueBy: '2026-11-29T00:00:00Z' }),
        [tech()],
        new Map(),
        NOW,
        settings,
      ).reason,
    ).toBe('the time to do it has passed (2026-11-29T00:00Z)');
  });

  it('excludes a technician who declined', () => {
    const d = decideAssignment(demand(), [tech()], new Map(), NOW, settings, ['T-1']);
    expect(d).toEqual({ outcome: 'unassignable', reason: 'no technician other than T-1 covers region london' });
    const other = tech({ technicianId: 'T-2' });
    expect(decideAssignment(demand(), [tech(), other], new Map(), NOW, settings, ['T-1'])).toMatchObject({
      technician: { technicianId: 'T-2' },
    });
  });
});

describe('urgency order', () => {
  it('puts urgent first, then the nearest deadline, then the oldest', () => {
    const list = [
      demand({ workOrderId: 'normal-late', dueBy: '2026-12-09T00:00:00Z', preferredWindow: undefined }),
      demand({ workOrderId: 'high', priority: 'high', preferredWindow: undefined }),
      demand({ workOrderId: 'normal-soon', dueBy: '2026-12-02T00:00:00Z', preferredWindow: undefined }),
      demand({
        workOrderId: 'urgent-young',
        priority: 'urgent',
        createdAt: '2026-11-29T00:00:00Z',
        preferredWindow: undefined,
      }),
      demand({
        workOrderId: 'urgent-old',
        priority: 'urgent',
        createdAt: '2026-11-28T00:00:00Z',
        preferredWindow: undefined,
      }),
      demand({ workOrderId: 'normal-none', preferredWindow: undefined }),
    ];
    expect(list.sort(byUrgency).map((d) => d.workOrderId)).toEqual([
      'urgent-old',
      'urgent-young',
      'high',
      'normal-soon',
      'normal-late',
      'normal-none',
    ]);
  });
});
