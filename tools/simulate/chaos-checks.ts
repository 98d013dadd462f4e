/**
 * The end-of-run checks of `--chaos`, free of HTTP (chaos-survey.ts gathers what they read): nothing
 * twice (appliances per serial, tickets per case, work orders per source), no technician booked
 * twice at once, and the verdict.
 */

export interface WorkOrderRecord {
  workOrderId: string;
  kind: string;
  sourceId: string;
  status: string;
  applianceId: string;
  technicianId?: string;
  window?: { from: string; to: string };
}

/**
 * A work order that stopped serving its source without doing the work: the source gave it up
 * (released: failed, rescheduled), was cancelled, or the visit ended waiting for parts (the return
 * visit is the next order). Any other status is the order serving the source now, or the one that did.
 */
const SUPERSEDED = new Set(['released', 'cancelled', 'awaiting-parts']);

/** Serials registered as more than one appliance: `serial: id, id`. */
export function duplicatedAppliances(bySerial: ReadonlyMap<string, readonly string[]>): string[] {
  return [...bySerial]
    .map(([serial, ids]) => [serial, [...new Set(ids)].sort()] as const)
    .filter(([, ids]) => ids.length > 1)
    .map(([serial, ids]) => `${serial}: ${ids.join(', ')}`);
}

/** Cases that opened more than one repair ticket: `case: ticket, ticket`. */
export function duplicatedTickets(tickets: readonly { ticketId: string; caseId: string }[]): string[] {
  const byCase = new Map<string, Set<string>>();
  for (const t of tickets) byCase.set(t.caseId, (byCase.get(t.caseId) ?? new Set()).add(t.ticketId));
  return [...byCase]
    .filter(([, ids]) => ids.size > 1)
    .map(([caseId, ids]) => `${caseId}: ${[...ids].sort().join(', ')}`);
}

/** Sources (kind and id) served by more than one live or completed work order at the end. */
export function duplicatedWorkOrders(orders: readonly WorkOrderRecord[]): string[] {
  const bySource = new Map<string, Set<string>>();
  for (const o of orders) {
    if (SUPERSEDED.has(o.status)) continue;
    const key = `${o.kind} ${o.sourceId}`;
    bySource.set(key, (bySource.get(key) ?? new Set()).add(`${o.workOrderId} (${o.status})`));
  }
  return [...bySource]
    .filter(([, ids]) => ids.size > 1)
    .map(([source, ids]) => `${source}: ${[...ids].sort().join(', ')}`);
}

/**
 * Technicians holding two bookings that overlap in time, where at least one of the two is `ours`
 * (a run's own appliances: what an earlier run left is not this run's finding). Touching windows
 * (one ends when the next starts) do not overlap.
 */
export function doubleBookings(orders: readonly WorkOrderRecord[], ours: (o: WorkOrderRecord) => boolean): string[] {
  const byTechnician = new Map<string, WorkOrderRecord[]>();
  for (const o of orders) {
    if (!o.technicianId || !o.window || SUPERSEDED.has(o.status)) continue;
    byTechnician.set(o.technicianId, [...(byTechnician.get(o.technicianId) ?? []), o]);
  }
  const found: string[] = [];
  for (const [technicianId, booked] of byTechnician) {
    const unique = [...new Map(booked.map((o) => [o.workOrderId, o])).values()];
    const sorted = unique.sort((a, b) => Date.parse(a.window!.from) - Date.parse(b.window!.from));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i], sorted[j]];
        if (Date.parse(b.window!.from) >= Date.parse(a.window!.to)) break;
        if (ours(a) || ours(b))
          found.push(`${technicianId}: ${a.workOrderId} ${span(a)} overlaps ${b.workOrderId} ${span(b)}`);
      }
    }
  }
  return found;
}

const span = (o: WorkOrderRecord) => `${o.window!.from}–${o.window!.to}`;

export interface ChaosFindings {
  /** chaos actions whose target did not come back in time */
  failedActions: number;
  lost: number;
  duplicatedNotifications: number;
  duplicatedAppliances: readonly string[];
  duplicatedTickets: readonly string[];
  duplicatedWorkOrders: readonly string[];
  doubleBookings: readonly string[];
  /** what the survey could not read (a check not made is not a check passed) */
  unchecked: readonly string[];
}

/** Ok only when nothing was lost, nothing is there twice, nobody is booked twice and every check ran. */
export function chaosVerdict(f: ChaosFindings): { ok: boolean; failures: string[] } {
  const failures = [
    f.lost ? `${f.lost} notifications lost` : '',
    f.duplicatedNotifications ? `${f.duplicatedNotifications} notifications duplicated` : '',
    f.duplicatedAppliances.length ? `${f.duplicatedAppliances.length} appliances duplicated` : '',
    f.duplicatedTickets.length ? `${f.duplicatedTickets.length} cases with more than one ticket` : '',
    f.duplicatedWorkOrders.length ? `${f.duplicatedWorkOrders.length} sources with more than one work order` : '',
    f.doubleBookings.length ? `${f.doubleBookings.length} double bookings` : '',
    f.failedActions ? `${f.failedActions} chaos targets not back in time` : '',
    f.unchecked.length ? `${f.unchecked.length} checks not made` : '',
  ].filter(Boolean);
  return { ok: failures.length === 0, failures };
}
