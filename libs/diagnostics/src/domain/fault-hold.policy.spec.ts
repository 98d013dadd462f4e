import { decideFaultHold } from './fault-hold.policy';

describe('decideFaultHold', () => {
  const faultAt = new Date('2026-12-01T10:00:00Z');

  it('holds a fault within the hold time, until the fault time plus the hold', () => {
    const decision = decideFaultHold('SN-1', faultAt, new Date('2026-12-01T10:29:59Z'), 30);
    expect(decision).toEqual({
      hold: true,
      until: new Date('2026-12-01T10:30:00Z'),
      reason: expect.stringContaining('SN-1'),
    });
  });

  it('gives up once the hold has passed, naming the serial and the hold', () => {
    const decision = decideFaultHold('SN-1', faultAt, new Date('2026-12-01T10:30:00Z'), 30);
    expect(decision.hold).toBe(false);
    expect(decision.reason).toContain('serial number SN-1');
    expect(decision.reason).toContain('held 30 min');
  });

  it('gives up at once with a hold of zero', () => {
    expect(decideFaultHold('SN-1', faultAt, faultAt, 0).hold).toBe(false);
  });
});
