import { loadReplacementSettings } from './replacement.config';

describe('loadReplacementSettings', () => {
  it('defaults to 60% of the price and 90 days', () => {
    expect(loadReplacementSettings({})).toEqual({ estimateShare: 0.6, repeatFaultDays: 90 });
  });

  it('reads RMA_ESTIMATE_SHARE and RMA_REPEAT_FAULT_DAYS, and refuses nonsense', () => {
    expect(loadReplacementSettings({ RMA_ESTIMATE_SHARE: '0.5', RMA_REPEAT_FAULT_DAYS: '30' })).toEqual({
      estimateShare: 0.5,
      repeatFaultDays: 30,
    });
    expect(() => loadReplacementSettings({ RMA_ESTIMATE_SHARE: 'lots' })).toThrow(/estimateShare/);
    expect(() => loadReplacementSettings({ RMA_REPEAT_FAULT_DAYS: '1.5' })).toThrow(/repeatFaultDays/);
  });
});
