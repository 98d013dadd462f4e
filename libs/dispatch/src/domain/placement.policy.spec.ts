import { booking, demand, tech } from './fixtures.spec-helper';
import { decidePlacement, failedChecks } from './placement.policy';

const at = (from: string, minutes = 60) => ({ from: Date.parse(from), to: Date.parse(from) + minutes * 60_000 });
const TUESDAY_10 = '2026-12-01T10:00:00Z';

describe('failedChecks', () => {
  it('is empty for a qualified technician and names every check that fails otherwise', () => {
    expect(failedChecks(tech(), demand(), at(TUESDAY_10))).toEqual([]);
    const misfit = tech({ homeRegion: 'leeds', regions: [], skills: ['appliance-general'], licences: [] });
    expect(failedChecks(misfit, demand(), at('2026-12-01T18:00:00Z'))).toEqual(['region', 'skill', 'licence', 'hours']);
    const away = tech({ timeOff: [{ from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' }] });
    expect(failedChecks(away, demand(), at(TUESDAY_10))).toEqual(['time-off']);
  });
});

describe('decidePlacement', () => {
  const request = (over: Partial<Parameters<typeof decidePlacement>[1]> = {}) => ({
    technician: tech(),
    slot: at(TUESDAY_10),
    bookings: [],
    bufferMinutes: 30,
    ...over,
  });

  it('places a qualified technician in a free slot without a reason', () => {
    expect(decidePlacement(demand(), request())).toEqual({
      outcome: 'place',
      failedChecks: [],
      reason: 'placed by hand at 2026-12-01T10:00Z (qualified)',
    });
  });

  it('requires an override reason for a failed check, and records it with the checks', () => {
    const outsider = tech({ homeRegion: 'leeds', regions: [] });
    expect(decidePlacement(demand(), request({ technician: outsider }))).toMatchObject({
      outcome: 'refused',
      refusal: 'override-reason-required',
      message: expect.stringContaining('fails region'),
    });
    expect(decidePlacement(demand(), request({ technician: outsider, overrideReason: '  ' })).outcome).toBe('refused');
    expect(
      decidePlacement(demand(), request({ technician: outsider, overrideReason: 'covers for a colleague' })),
    ).toEqual({
      outcome: 'place',
      failedChecks: ['region'],
      reason: 'placed by hand at 2026-12-01T10:00Z, overriding region: covers for a colleague',
    });
  });

  it('never overrides the calendar (travel buffer included) nor an inactive technician', () => {
    const before = booking('WO-OTHER', '2026-12-01T08:45:00Z', 60); // blocked until 10:15
    const taken = decidePlacement(demand(), request({ bookings: [before], overrideReason: 'urgent' }));
    expect(taken).toMatchObject({ outcome: 'refused', refusal: 'slot-taken' });
    const after = booking('WO-OTHER', '2026-12-01T11:15:00Z', 60); // our 10:00–11:00 + 30 min ends 11:30
    expect(decidePlacement(demand(), request({ bookings: [after] }))).toMatchObject({ refusal: 'slot-taken' });
    const inactive = decidePlacement(demand(), request({ technician: tech({ active: false }), overrideReason: 'x' }));
    expect(inactive).toMatchObject({ outcome: 'refused', refusal: 'inactive' });
  });

  it('never places appliance work with a library technician, even with an override reason', () => {
    const library = tech({ branch: 'central' });
    const refused = decidePlacement(demand(), request({ technician: library, overrideReason: 'short-staffed' }));
    expect(refused).toEqual({
      outcome: 'refused',
      refusal: 'library-technician',
      message: 'technician T-1 works at library branch central on queue items only',
    });
  });

  it('does not count the order’s own earlier booking against it (it is given back)', () => {
    const own = booking('WO-1', TUESDAY_10, 60);
    expect(decidePlacement(demand(), request({ bookings: [own] })).outcome).toBe('place');
  });
});
