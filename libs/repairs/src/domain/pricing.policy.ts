import { Part } from '@appliance-care/contracts';

import { RepairsPolicy } from '../config/repairs-policy.config';

export interface RepairEstimate {
  currency: string;
  parts: number;
  labour: number;
  callOut: number;
  total: number;
}

// whole minor units (pence) so that sums never drift by binary fractions
const minor = (amount: number): number => Math.round(amount * 100);
const major = (pence: number): number => pence / 100;

/** Estimated duration of the repair: by category, else by skill, else the default. */
export function estimatedMinutes(policy: Pick<RepairsPolicy, 'durations'>, category: string, skill: string): number {
  const durations = policy.durations;
  return durations.byCategory[category] ?? durations.bySkill[skill] ?? durations.defaultMinutes;
}

/** Parts by sku (default price for unknown ones) + labour rate for the skill × duration + call-out fee. */
export function estimateRepair(
  policy: Pick<RepairsPolicy, 'priceList'>,
  job: { parts: readonly Part[]; skill: string; durationMinutes: number },
): RepairEstimate {
  const list = policy.priceList;
  const parts = job.parts.reduce((sum, p) => sum + p.quantity * minor(list.parts[p.sku] ?? list.defaultPartPrice), 0);
  const hourly = minor(list.labourRatePerHour.bySkill[job.skill] ?? list.labourRatePerHour.default);
  const labour = Math.round((hourly * job.durationMinutes) / 60);
  const callOut = minor(list.callOutFee);
  return {
    currency: list.currency,
    parts: major(parts),
    labour: major(labour),
    callOut: major(callOut),
    total: major(parts + labour + callOut),
  };
}
