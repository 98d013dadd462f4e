export interface PricedLine {
  quantity: number;
  unitPrice: number;
  unitCost: number;
  currency: string;
}

export type ValuationBasis = 'price' | 'cost';

export interface Valuation {
  basis: ValuationBasis;
  reason: string;
}

/** A customer pays the catalogue price; the warranty's claim records what the parts cost the business. */
export function valuationBasis(coverage: 'covered' | 'billable'): Valuation {
  return coverage === 'covered'
    ? { basis: 'cost', reason: 'covered by the warranty: recorded at cost for warranty accounting' }
    : { basis: 'price', reason: 'billable: the customer pays the catalogue price' };
}

// whole minor units (pence) so that sums never drift by binary fractions, as repairs' pricing does
const minor = (amount: number): number => Math.round(amount * 100);

export function lineAmount(line: PricedLine, basis: ValuationBasis): number {
  return (line.quantity * minor(basis === 'cost' ? line.unitCost : line.unitPrice)) / 100;
}

export function partsTotal(lines: readonly PricedLine[], basis: ValuationBasis): number {
  return lines.reduce((sum, line) => sum + minor(lineAmount(line, basis)), 0) / 100;
}
