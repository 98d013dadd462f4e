import { booking, tech } from './fixtures.spec-helper';
import { earliestSlot, qualifiesFor } from './slot-search';

const day = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to) });
const iso = (r: ReturnType<typeof earliestSlot>) => ('slot' in r ? new Date(r.slot.from).toISOString() : r.miss);
const req = (over = {}) => ({
  requiredSkill: 'gas-safe',
  durationMinutes: 60,
  bufferMinutes: 30,
  range: day('2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z'),
  ...over,
});

describe('qualification for a slot', () => {
  const slot = day('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z');
  const job = { requiredSkill: 'gas-safe', region: 'london' };

  it('accepts a licensed technician covering the region inside working hours', () => {
    expect(qualifiesFor(tech(), job, slot)).toEqual({ ok: true });
  });

  it('checks the licence against the day of the job, expiry day inclusive', () => {
    expect(qualifiesFor(tech({ licences: [{ skill: 'gas-safe', validUntil: '2026-12-01' }] }), job, slot)).toEqual({
      ok: true,
    });
    expect(qualifiesFor(tech({ licences: [{ skill: 'gas-safe', validUntil: '2026-11-30' }] }), job, slot)).toEqual({
      ok: false,
      miss: 'licence',
    });
    expect(qualifiesFor(tech({ licences: [{ skill: 'electrician', validUntil: '2030-01-01' }] }), job, slot)).toEqual({
      ok: false,
      miss: 'licence',
    });
  });

  it('needs no licence for appliance-general', () => {
    expect(
      qualifiesFor(tech({ licences: [] }), { requiredSkill: 'appliance-general', region: 'london' }, slot),
    ).toEqual({ ok: true });
  });

  it('refuses another region, a missing skill, outside hours, time off and an inactive technician', () => {
    expect(qualifiesFor(tech(), { ...job, region: 'leeds' }, slot)).toEqual({ ok: false, miss: 'region' });
    expect(qualifiesFor(tech({ regions: ['leeds'], homeRegion: 'london' }), { ...job, region: 'leeds' }, slot)).toEqual(
      { ok: true },
    );
    expect(qualifiesFor(tech(), { ...job, requiredSkill: 'hvac' }, slot)).toEqual({ ok: false, miss: 'skill' });
    expect(qualifiesFor(tech(), job, day('2026-12-01T16:30:00Z', '2026-12-01T17:30:00Z'))).toEqual({
      ok: false,
      miss: 'hours',
    });
    expect(qualifiesFor(tech(), job, day('2026-12-05T09:00:00Z', '2026-12-05T10:00:00Z'))).toEqual({
      ok: false,
      miss: 'hours',
    }); // Saturday
    expect(
      qualifiesFor(tech({ timeOff: [{ from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' }] }), job, slot),
    ).toEqual({ ok: false, miss: 'time-off' });
    expect(qualifiesFor(tech({ active: false }), job, slot)).toEqual({ ok: false, miss: 'inactive' });
  });
});

describe('earliest slot search', () => {
  it('starts at the beginning of working hours', () => {
    expect(iso(earliestSlot(tech(), new Map(), req()))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('starts no earlier than the range, rounded up to the step', () => {
    expect(
      iso(earliestSlot(tech(), new Map(), req({ range: day('2026-12-01T09:07:00Z', '2026-12-01T17:00:00Z') }))),
    ).toBe('2026-12-01T09:15:00.000Z');
  });

  it('keeps duration plus travel buffer clear of bookings on both sides', () => {
    const bookings = new Map([
      ['2026-12-01', [booking('A', '2026-12-01T08:00:00Z', 60), booking('B', '2026-12-01T11:00:00Z', 60)]],
    ]);
    // 08:00-09:00 + 30 → free from 09:30; 09:30+60+30 = 11:00 touches B at 11:00: allowed (half-open)
    expect(iso(earliestSlot(tech(), bookings, req()))).toBe('2026-12-01T09:30:00.000Z');
    expect(iso(earliestSlot(tech(), bookings, req({ durationMinutes: 90 })))).toBe('2026-12-01T12:30:00.000Z');
  });

  it('the job must end inside working hours', () => {
    const bookings = new Map([['2026-12-01', [booking('A', '2026-12-01T08:00:00Z', 420)]]]); // until 15:00 + 30
    expect(iso(earliestSlot(tech(), bookings, req({ durationMinutes: 120 })))).toBe('2026-12-02T08:00:00.000Z');
  });

  it('skips time off and resumes when it ends', () => {
    const t = tech({ timeOff: [{ from: '2026-12-01T00:00:00Z', to: '2026-12-01T13:10:00Z' }] });
    expect(iso(earliestSlot(t, new Map(), req()))).toBe('2026-12-01T13:15:00.000Z');
  });

  it('moves to a later day when the licence runs out… and not the other way round', () => {
    const expiring = tech({ licences: [{ skill: 'gas-safe', validUntil: '2026-12-01' }] });
    const full = new Map([['2026-12-01', [booking('A', '2026-12-01T08:00:00Z', 480)]]]);
    expect(iso(earliestSlot(expiring, full, req()))).toBe('booked');
    expect(iso(earliestSlot(tech({ licences: [] }), new Map(), req()))).toBe('licence');
  });

  it('reports hours when the range holds no working time (weekend)', () => {
    expect(
      iso(earliestSlot(tech(), new Map(), req({ range: day('2026-12-05T00:00:00Z', '2026-12-07T00:00:00Z') }))),
    ).toBe('hours');
  });
});
