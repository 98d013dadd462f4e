import { depotOf, vanOf } from './stock-location';

export interface SourceCandidate {
  location: string;
  reason: string;
}

/**
 * Where a ticket's parts are taken from, in order: the technician's van first when one is known
 * (no trip to the depot), then the region's depot. A line is taken whole from one place.
 */
export function reservationSources(ticket: { region: string; technicianId?: string }): SourceCandidate[] {
  const depot = { location: depotOf(ticket.region), reason: `the ${ticket.region} depot` };
  if (!ticket.technicianId) return [{ ...depot, reason: `${depot.reason}: no technician known yet` }];
  return [
    { location: vanOf(ticket.technicianId), reason: `the van of ${ticket.technicianId}, who knows the job` },
    depot,
  ];
}

/** Where a line nobody could supply is ordered to: the depot of the ticket's region. */
export function shortageLocation(ticket: { region: string }): SourceCandidate {
  return {
    location: depotOf(ticket.region),
    reason: `neither van nor depot has it: ordered for the ${ticket.region} depot`,
  };
}

export interface Line {
  sku: string;
  name: string;
  quantity: number;
}

/** The same sku twice on a diagnosis is one line of their sum: a stock row holds one quantity per ticket. */
export function mergedLines(parts: readonly Line[]): Line[] {
  const bySku = new Map<string, Line>();
  for (const part of parts) {
    const seen = bySku.get(part.sku);
    bySku.set(part.sku, seen ? { ...seen, quantity: seen.quantity + part.quantity } : { ...part });
  }
  return [...bySku.values()];
}
