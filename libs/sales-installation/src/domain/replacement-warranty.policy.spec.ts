import { replacementWarranty, replacementWarrantyRule } from './replacement-warranty.policy';

const old = { warrantyMonths: 24, warrantyEndsAt: '2027-03-15T09:00:00.000Z' };

describe('replacementWarranty', () => {
  it('continue: the replacement inherits the old warranty end', () => {
    const warranty = replacementWarranty('continue', old, '2026-12-01T10:00:00.000Z');
    expect(warranty).toMatchObject({ warrantyMonths: 24, warrantyEndsAt: '2027-03-15T09:00:00.000Z' });
    expect(warranty.reason).toContain('continue');
  });

  it('restart: the original months again from the replacement date', () => {
    const warranty = replacementWarranty('restart', old, '2026-12-01T10:00:00.000Z');
    expect(warranty).toMatchObject({ warrantyMonths: 24, warrantyEndsAt: '2028-12-01T10:00:00.000Z' });
    expect(warranty.reason).toContain('restart: 24 months from the replacement on 2026-12-01');
  });

  it('reads RMA_WARRANTY: continue by default, refuses anything else', () => {
    expect(replacementWarrantyRule(undefined)).toBe('continue');
    expect(replacementWarrantyRule('restart')).toBe('restart');
    expect(() => replacementWarrantyRule('forever')).toThrow(/RMA_WARRANTY must be one of continue, restart/);
  });
});
