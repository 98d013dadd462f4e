import { Fault, ReplacementTrigger } from '@appliance-care/contracts';

/** RMA_ESTIMATE_SHARE and RMA_REPEAT_FAULT_DAYS. */
export interface ReplacementSettings {
  /** a covered repair estimated above this share of the appliance's price is not worth doing */
  estimateShare: number;
  /** the same fault again within this many days of its repair calls for a replacement */
  repeatFaultDays: number;
}

/** A completed repair of the same appliance. */
export interface EarlierRepair {
  ticketId: string;
  completedAt: Date;
  faults: readonly Fault[];
}

export interface ReplacementFacts {
  coverage: 'covered' | 'billable';
  /** the repair's estimated total, in the price list's currency */
  estimateTotal: number;
  /** what the customer paid for the appliance (absent when the sales system did not say) */
  appliancePrice?: number;
  faults: readonly Fault[];
  earlierRepairs: readonly EarlierRepair[];
  now: Date;
}

export type ReplacementDecision =
  | {
      outcome: 'propose';
      trigger: ReplacementTrigger;
      reason: string;
      estimateTotal?: number;
      appliancePrice?: number;
      earlierTicketId?: string;
    }
  | { outcome: 'repair'; reason: string };

const DAY_MS = 86_400_000;
const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** A fault is the same one when its code matches, or (without codes) its component. */
const faultKey = (fault: Fault): string => (fault.code ?? fault.component).trim().toLowerCase();

function estimateShareDecision(facts: ReplacementFacts, settings: ReplacementSettings): ReplacementDecision {
  const { estimateTotal, appliancePrice } = facts;
  if (appliancePrice === undefined || appliancePrice <= 0)
    return { outcome: 'repair', reason: "the appliance's price is unknown" };
  const share = estimateTotal / appliancePrice;
  const comparison = `estimate ${estimateTotal} is ${percent(share)} of the appliance's price ${appliancePrice} (limit ${percent(settings.estimateShare)})`;
  if (share <= settings.estimateShare) return { outcome: 'repair', reason: comparison };
  return { outcome: 'propose', trigger: 'estimate-share', reason: comparison, estimateTotal, appliancePrice };
}

function repeatFaultDecision(facts: ReplacementFacts, settings: ReplacementSettings): ReplacementDecision {
  const keys = new Set(facts.faults.map(faultKey));
  const since = facts.now.getTime() - settings.repeatFaultDays * DAY_MS;
  const repeats = facts.earlierRepairs
    .filter((repair) => repair.completedAt.getTime() >= since && repair.completedAt.getTime() <= facts.now.getTime())
    .filter((repair) => repair.faults.some((fault) => keys.has(faultKey(fault))))
    .sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime());
  const [latest] = repeats;
  if (!latest)
    return { outcome: 'repair', reason: `no repair of the same fault in the last ${settings.repeatFaultDays} days` };
  const same = latest.faults.find((fault) => keys.has(faultKey(fault)));
  const days = Math.floor((facts.now.getTime() - latest.completedAt.getTime()) / DAY_MS);
  return {
    outcome: 'propose',
    trigger: 'repeat-fault',
    reason: `the same fault (${same ? faultKey(same) : 'unknown'}) was repaired ${days} days ago on ticket ${latest.ticketId} (within ${settings.repeatFaultDays} days)`,
    earlierTicketId: latest.ticketId,
  };
}

/**
 * Whether a repair should become a warranty replacement: only a covered one (the customer pays
 * for the others and decides themselves), when its estimate exceeds the share of the appliance's
 * price, or when it is the same fault again soon after its repair. Says why, either way.
 */
export function decideReplacement(facts: ReplacementFacts, settings: ReplacementSettings): ReplacementDecision {
  if (facts.coverage !== 'covered')
    return { outcome: 'repair', reason: 'not covered by the warranty: the customer pays for the repair' };
  const byEstimate = estimateShareDecision(facts, settings);
  if (byEstimate.outcome === 'propose') return byEstimate;
  const byRepeat = repeatFaultDecision(facts, settings);
  if (byRepeat.outcome === 'propose') return byRepeat;
  return { outcome: 'repair', reason: `${byEstimate.reason}; ${byRepeat.reason}` };
}
