import { partsCostingOf } from './parts-costing';

const line = (sku: string, quantity: number, unitPrice: number, unitCost: number, basis: 'price' | 'cost') => ({
  sku,
  name: sku,
  quantity,
  location: 'van:T-1',
  unitPrice,
  unitCost,
  currency: 'GBP',
  basis,
  amount: quantity * (basis === 'price' ? unitPrice : unitCost),
});
const consumedAt = '2026-12-01T10:00:00.000Z';

describe('parts costing', () => {
  it("values a billable repair's parts at the catalogue's prices, in minor units, and claims nothing", () => {
    const used = [line('A', 3, 0.1, 0.05, 'price'), line('B', 1, 89, 48.95, 'price')];
    const costing = partsCostingOf({ used, partsValue: { basis: 'price', currency: 'GBP', total: 89.3 }, consumedAt });
    expect(costing).toEqual({
      currency: 'GBP',
      total: 89.3,
      lines: used.map(({ sku, name, quantity, unitPrice, unitCost }) => ({ sku, name, quantity, unitPrice, unitCost })),
      consumedAt,
    });
  });

  it("keeps a covered repair's cost at price and records its warranty claim at cost", () => {
    const used = [line('A', 2, 12.5, 6.2, 'cost'), line('B', 1, 89, 48.95, 'cost')];
    const costing = partsCostingOf({ used, partsValue: { basis: 'cost', currency: 'GBP', total: 61.35 }, consumedAt });
    expect(costing.total).toBe(114);
    expect(costing.warrantyClaim).toEqual({ total: 61.35 });
  });

  it('costs a repair that used none of its parts at zero', () => {
    const costing = partsCostingOf({ used: [], partsValue: { basis: 'cost', currency: 'GBP', total: 0 }, consumedAt });
    expect(costing).toMatchObject({ total: 0, lines: [], warrantyClaim: { total: 0 } });
  });
});
