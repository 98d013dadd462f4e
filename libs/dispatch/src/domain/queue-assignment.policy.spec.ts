import { tech } from './fixtures.spec-helper';
import { cannotHold, decideQueueAssignment } from './queue-assignment.policy';
import { coversRegion, nextWorkingMoment } from './technician';

// Tuesday 2026-12-01, 10:00Z: inside the 08:00–17:00 weekday hours of the fixtures
const TUESDAY_10 = Date.parse('2026-12-01T10:00:00Z');
const demand = { skill: 'cataloguing', branch: 'central' };
const librarian = (id: string, over: Parameters<typeof tech>[0] = {}) =>
  tech({
    technicianId: id,
    name: `Library technician ${id}`,
    skills: ['cataloguing'],
    licences: [],
    homeRegion: 'central',
    regions: ['central'],
    branch: 'central',
    ...over,
  });
const decide = (roster: ReturnType<typeof tech>[], load: Record<string, number> = {}, now = TUESDAY_10) =>
  decideQueueAssignment(demand, roster, new Map(Object.entries(load)), now, 14);

describe('queue assignment policy (library technicians)', () => {
  it('picks the technician at the branch with the skill, working now, and says why', () => {
    const d = decide([librarian('LT-A')]);
    expect(d).toMatchObject({ outcome: 'assign', technician: { technicianId: 'LT-A' }, availableFrom: TUESDAY_10 });
    expect(d.reason).toBe(
      'least load at branch central: 0 open queue items (1 with skill cataloguing working), working now',
    );
  });

  it('takes the least open load first', () => {
    const d = decide([librarian('LT-A'), librarian('LT-B')], { 'LT-A': 2, 'LT-B': 1 });
    expect(d).toMatchObject({ outcome: 'assign', technician: { technicianId: 'LT-B' }, openItems: 1 });
    expect(d.reason).toContain('1 open queue item (2 with skill cataloguing working)');
  });

  it('breaks a tie on the load with who works soonest, then the id', () => {
    const late = librarian('LT-A', { workingHours: { tue: { start: '13:00', end: '17:00' } } });
    expect(decide([late, librarian('LT-B')])).toMatchObject({ technician: { technicianId: 'LT-B' } });
    expect(decide([librarian('LT-C'), librarian('LT-B')])).toMatchObject({ technician: { technicianId: 'LT-B' } });
  });

  it('outside working hours: available from the start of their next working hours', () => {
    const evening = Date.parse('2026-12-01T18:30:00Z');
    const d = decide([librarian('LT-A')], {}, evening);
    expect(d).toMatchObject({ outcome: 'assign', availableFrom: Date.parse('2026-12-02T08:00:00Z') });
    expect(d.reason).toContain('available from 2026-12-02T08:00Z');
    // Friday evening: Monday morning
    const friday = Date.parse('2026-12-04T17:30:00Z');
    expect(decide([librarian('LT-A')], {}, friday)).toMatchObject({
      availableFrom: Date.parse('2026-12-07T08:00:00Z'),
    });
  });

  it('skips time off: available when it ends, or at the next working hours after it', () => {
    const morningOff = librarian('LT-A', { timeOff: [{ from: '2026-12-01T09:00:00Z', to: '2026-12-01T12:00:00Z' }] });
    expect(decide([morningOff])).toMatchObject({ availableFrom: Date.parse('2026-12-01T12:00:00Z') });
    const weekOff = librarian('LT-A', { timeOff: [{ from: '2026-11-30T00:00:00Z', to: '2026-12-03T00:00:00Z' }] });
    expect(decide([weekOff])).toMatchObject({ availableFrom: Date.parse('2026-12-03T08:00:00Z') });
  });

  it('only at the task’s branch, and never an appliance technician', () => {
    const riverside = librarian('LT-R', { branch: 'riverside', homeRegion: 'riverside', regions: ['riverside'] });
    const appliance = tech({
      technicianId: 'T-1',
      skills: ['cataloguing'],
      homeRegion: 'central',
      regions: ['central'],
    });
    const d = decide([riverside, appliance]);
    expect(d).toEqual({ outcome: 'unassignable', reason: 'no library technician works at branch central' });
  });

  it('nobody with the skill at the branch', () => {
    const d = decide([librarian('LT-A', { skills: ['book-repair'] })]);
    expect(d).toEqual({
      outcome: 'unassignable',
      reason: 'no active library technician at branch central has skill cataloguing',
    });
  });

  it('all inactive: says so; an inactive one is never chosen', () => {
    const off = librarian('LT-A', { active: false });
    expect(decide([off, librarian('LT-B', { active: false })])).toEqual({
      outcome: 'unassignable',
      reason: 'all 2 library technicians at branch central are inactive',
    });
    expect(decide([off, librarian('LT-B')], { 'LT-B': 5 })).toMatchObject({ technician: { technicianId: 'LT-B' } });
  });

  it('nobody working within the horizon (no hours, or time off throughout)', () => {
    const noHours = librarian('LT-A', { workingHours: {} });
    const away = librarian('LT-B', { timeOff: [{ from: '2026-11-01T00:00:00Z', to: '2027-01-31T00:00:00Z' }] });
    expect(decide([noHours, away])).toEqual({
      outcome: 'unassignable',
      reason: 'no library technician at branch central with skill cataloguing is working in the next 14 days',
    });
  });

  it('says why a holder can no longer hold an item: gone, inactive, moved, skill removed', () => {
    expect(cannotHold(librarian('LT-A'), demand)).toBeUndefined();
    expect(cannotHold(undefined, demand)).toBe('no longer on the roster');
    expect(cannotHold(librarian('LT-A', { active: false }), demand)).toBe('inactive');
    expect(cannotHold(librarian('LT-A', { branch: 'riverside' }), demand)).toBe('no longer at branch central');
    expect(cannotHold(librarian('LT-A', { skills: ['serials'] }), demand)).toBe('no longer has skill cataloguing');
  });

  it('a library technician covers no region: appliance work never reaches them', () => {
    expect(coversRegion(librarian('LT-A'), 'central')).toBe(false);
    expect(coversRegion(tech({ homeRegion: 'central' }), 'central')).toBe(true);
  });

  it('nextWorkingMoment: now inside the hours, else the next start; undefined without hours', () => {
    expect(nextWorkingMoment(librarian('LT-A'), TUESDAY_10, 14)).toBe(TUESDAY_10);
    expect(nextWorkingMoment(librarian('LT-A'), Date.parse('2026-12-01T06:00:00Z'), 14)).toBe(
      Date.parse('2026-12-01T08:00:00Z'),
    );
    expect(nextWorkingMoment(librarian('LT-A', { workingHours: {} }), TUESDAY_10, 14)).toBeUndefined();
  });
});
