import { CalendarView } from './assignment.policy';
import { Booking } from './booking';
import { booking, NOW, tech } from './fixtures.spec-helper';
import { chosenSlotRefusal, OfferedJob, offerRange, offerSlots } from './slot-offer.policy';
import { DAY, MINUTE } from './time';

const settings = { slotDays: 14, slotCount: 10, bufferMinutes: 30, stepMinutes: 15 };
const job = (over: Partial<OfferedJob> = {}): OfferedJob => ({
  workOrderId: 'WO-1',
  requiredSkill: 'gas-safe',
  region: 'london',
  durationMinutes: 60,
  declinedBy: [],
  ...over,
});
const cal = (entries: Record<string, Record<string, Booking[]>>): CalendarView =>
  new Map(Object.entries(entries).map(([t, days]) => [t, new Map(Object.entries(days))]));
const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);
// NOW is Monday 2026-11-30 00:00Z; the fixtures' technicians work Mon–Fri 08:00–17:00
const range = offerRange(NOW, settings);

describe('slot offers', () => {
  it('offers the earliest free windows, one per start, travel kept between a technician’s windows', () => {
    const offers = offerSlots(job(), [tech()], new Map(), range, settings);
    expect(offers.map((o) => iso(o.slot.from))).toEqual([
      '2026-11-30T08:00:00.000Z',
      '2026-11-30T09:30:00.000Z',
      '2026-11-30T11:00:00.000Z',
      '2026-11-30T12:30:00.000Z',
      '2026-11-30T14:00:00.000Z',
      '2026-11-30T15:30:00.000Z',
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T09:30:00.000Z',
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T12:30:00.000Z',
    ]);
    expect(offers.every((o) => o.slot.to - o.slot.from === 60 * MINUTE)).toBe(true);
  });

  it('skips booked time (travel included) but not the order’s own booking, and never offers its current start', () => {
    const calendars = cal({
      'T-1': {
        '2026-11-30': [booking('OTHER', '2026-11-30T08:00:00Z', 60), booking('WO-1', '2026-11-30T11:00:00Z', 60)],
      },
    });
    const offers = offerSlots(
      job({ technicianId: 'T-1', window: { from: '2026-11-30T11:00:00.000Z' } }),
      [tech()],
      calendars,
      range,
      settings,
    );
    expect(offers.slice(0, 3).map((o) => iso(o.slot.from))).toEqual([
      '2026-11-30T09:30:00.000Z',
      '2026-11-30T12:30:00.000Z',
      '2026-11-30T14:00:00.000Z',
    ]);
  });

  it('offers only qualified technicians: region, skill, licence on the day, hours, time off, not a decliner', () => {
    const roster = [
      tech({ technicianId: 'T-FAR', homeRegion: 'leeds', regions: [] }),
      tech({ technicianId: 'T-NOSKILL', skills: ['appliance-general'] }),
      tech({ technicianId: 'T-OFF', timeOff: [{ from: '2026-11-29T00:00:00Z', to: '2026-12-20T00:00:00Z' }] }),
      tech({ technicianId: 'T-IDLE', active: false }),
      tech({ technicianId: 'T-DECLINED' }),
      // licence valid until Tuesday: Wednesday on, nothing
      tech({ technicianId: 'T-LIC', licences: [{ skill: 'gas-safe', validUntil: '2026-12-01' }] }),
    ];
    const offers = offerSlots(job({ declinedBy: ['T-DECLINED'] }), roster, new Map(), range, {
      ...settings,
      slotCount: 20,
    });
    expect(new Set(offers.map((o) => o.technician.technicianId))).toEqual(new Set(['T-LIC']));
    expect(offers).toHaveLength(12);
    expect(offers.every((o) => o.day <= '2026-12-01')).toBe(true);
  });

  it('gives a start two technicians could serve to the one with fewer jobs that day', () => {
    const calendars = cal({ 'T-A': { '2026-11-30': [booking('X', '2026-11-30T15:30:00Z', 60)] } });
    const [first] = offerSlots(
      job(),
      [tech({ technicianId: 'T-A' }), tech({ technicianId: 'T-B' })],
      calendars,
      range,
      settings,
    );
    expect(first).toMatchObject({ technician: { technicianId: 'T-B' }, jobs: 0 });
  });

  it('stays within the days offered', () => {
    const offers = offerSlots(job(), [tech()], new Map(), range, { ...settings, slotCount: 500 });
    expect(offers.at(-1)?.slot.to).toBeLessThanOrEqual(NOW + 14 * DAY);
    expect(offers).toHaveLength(10 * 6);
  });
});

describe('a chosen slot', () => {
  const slot = (from: string, minutes = 60) => ({ from: at(from), to: at(from) + minutes * MINUTE });

  it('is fine when it could be offered', () => {
    expect(chosenSlotRefusal(job(), tech(), slot('2026-12-01T10:15:00Z'), NOW, settings)).toBeUndefined();
  });

  it('is refused, naming why, when it could not', () => {
    const why = (over: Parameters<typeof tech>[0], from = '2026-12-01T10:00:00Z', j = job()) =>
      chosenSlotRefusal(j, tech(over), slot(from), NOW, settings);
    expect(why({}, '2026-12-20T10:00:00Z')).toMatchObject({ why: 'not-offered' });
    expect(why({}, '2026-11-29T10:00:00Z')).toMatchObject({ why: 'not-offered' });
    expect(why({}, '2026-12-01T10:07:00Z')?.message).toBe('slots start on the 15-minute grid');
    expect(
      why({}, '2026-12-01T10:00:00Z', job({ technicianId: 'T-1', window: { from: '2026-12-01T10:00:00.000Z' } })),
    ).toMatchObject({ why: 'not-offered', message: 'that is the current appointment (2026-12-01T10:00Z)' });
    expect(why({}, undefined, job({ declinedBy: ['T-1'] }))).toMatchObject({ why: 'declined' });
    expect(why({ active: false })).toEqual({ why: 'inactive', message: 'technician T-1 is not active' });
    expect(why({ homeRegion: 'leeds', regions: [] })?.message).toBe('technician T-1 does not cover region london');
    expect(why({ skills: [] })?.why).toBe('skill');
    expect(why({ licences: [{ skill: 'gas-safe', validUntil: '2026-11-30' }] })?.why).toBe('licence');
    expect(why({}, '2026-12-01T16:30:00Z')?.why).toBe('hours');
    expect(why({ timeOff: [{ from: '2026-12-01T09:00:00Z', to: '2026-12-01T12:00:00Z' }] })?.why).toBe('time-off');
  });
});
