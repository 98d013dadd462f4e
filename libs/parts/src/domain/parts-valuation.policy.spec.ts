import { lineAmount, partsTotal, valuationBasis } from './parts-valuation.policy';

describe('what the parts of a repair are worth', () => {
  const lines = [
    { quantity: 3, unitPrice: 0.1, unitCost: 0.07, currency: 'GBP' },
    { quantity: 1, unitPrice: 42.5, unitCost: 23.38, currency: 'GBP' },
  ];

  it('values a billable repair at the catalogue price, a covered one at cost for warranty accounting', () => {
    expect(valuationBasis('billable')).toEqual({ basis: 'price', reason: expect.stringContaining('customer pays') });
    expect(valuationBasis('covered')).toEqual({
      basis: 'cost',
      reason: expect.stringContaining('warranty accounting'),
    });
  });

  it('sums in whole pence, without binary drift', () => {
    expect(lineAmount(lines[0], 'price')).toBe(0.3);
    expect(partsTotal(lines, 'price')).toBe(42.8);
    expect(partsTotal(lines, 'cost')).toBe(23.59);
  });
});
