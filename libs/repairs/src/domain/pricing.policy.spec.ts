import { buildRepairsPolicy } from '../config/repairs-policy.config';
import { estimatedMinutes, estimateRepair } from './pricing.policy';

const policy = buildRepairsPolicy({
  priceList: {
    currency: 'GBP',
    callOutFee: 65,
    defaultPartPrice: 35,
    parts: { 'DRAIN-PUMP-01': 42.5, 'SEAL-01': 0.1 },
    labourRatePerHour: { default: 55, bySkill: { 'gas-safe': 75 } },
  },
  durations: { defaultMinutes: 90, byCategory: { 'washing-machine': 80 }, bySkill: { 'gas-safe': 120 } },
});

describe('pricing policy', () => {
  it('prices parts by sku, labour by the hour for the duration, plus the call-out fee', () => {
    const e = estimateRepair(policy, {
      parts: [{ sku: 'DRAIN-PUMP-01', name: 'pump', quantity: 2 }],
      skill: 'appliance-general',
      durationMinutes: 90,
    });
    expect(e).toEqual({ currency: 'GBP', parts: 85, labour: 82.5, callOut: 65, total: 232.5 });
  });

  it('uses the default part price for an unknown sku and the skill rate when the skill has one', () => {
    const e = estimateRepair(policy, {
      parts: [{ sku: 'NOPE', name: 'x', quantity: 3 }],
      skill: 'gas-safe',
      durationMinutes: 40,
    });
    expect(e).toEqual({ currency: 'GBP', parts: 105, labour: 50, callOut: 65, total: 220 });
  });

  it('adds money in pence so that totals do not drift', () => {
    const e = estimateRepair(policy, {
      parts: [{ sku: 'SEAL-01', name: 's', quantity: 3 }],
      skill: 'x',
      durationMinutes: 1,
    });
    expect(e.parts).toBe(0.3);
    expect(e.labour).toBe(0.92);
    expect(e.total).toBe(66.22);
  });

  it('charges only the call-out and labour when no parts are needed', () => {
    expect(estimateRepair(policy, { parts: [], skill: 'x', durationMinutes: 60 }).total).toBe(120);
  });

  it('estimates the duration by category, then by skill, then the default', () => {
    expect(estimatedMinutes(policy, 'washing-machine', 'gas-safe')).toBe(80);
    expect(estimatedMinutes(policy, 'kettle', 'gas-safe')).toBe(120);
    expect(estimatedMinutes(policy, 'kettle', 'plumbing')).toBe(90);
  });
});
