import { hasSkill, nextWorkingMoment, Technician } from './technician';
import { shortIso } from './time';

/** What the policy needs of a library task: the skill it takes and the branch it is at. */
export interface QueueDemand {
  skill: string;
  branch: string;
}

export type QueueAssignmentDecision =
  | { outcome: 'assign'; technician: Technician; availableFrom: number; openItems: number; reason: string }
  | { outcome: 'unassignable'; reason: string };

interface Option {
  technician: Technician;
  availableFrom: number;
  openItems: number;
}

const items = (n: number) => `${n} open queue item${n === 1 ? '' : 's'}`;

/**
 * Picks the library technician for a queue item: active, at the task's branch, with its skill, and
 * working within `horizonDays`; the least open load first, then who can start soonest, then the id.
 * `availableFrom` is now when they are working now, else the start of their next working hours
 * (time off skipped). No travel and no calendar: a queue item is worked at the branch, in turn.
 * Says why, or why nobody.
 */
export function decideQueueAssignment(
  demand: QueueDemand,
  roster: readonly Technician[],
  load: ReadonlyMap<string, number>,
  now: number,
  horizonDays: number,
): QueueAssignmentDecision {
  const { branch, skill } = demand;
  const atBranch = roster.filter((technician) => technician.branch === branch);
  if (atBranch.length === 0)
    return { outcome: 'unassignable', reason: `no library technician works at branch ${branch}` };
  const active = atBranch.filter((technician) => technician.active);
  if (active.length === 0)
    return {
      outcome: 'unassignable',
      reason: `all ${atBranch.length} library technicians at branch ${branch} are inactive`,
    };
  const skilled = active.filter((technician) => hasSkill(technician, skill));
  if (skilled.length === 0)
    return { outcome: 'unassignable', reason: `no active library technician at branch ${branch} has skill ${skill}` };

  const options: Option[] = skilled.flatMap((technician) => {
    const availableFrom = nextWorkingMoment(technician, now, horizonDays);
    const openItems = load.get(technician.technicianId) ?? 0;
    return availableFrom === undefined ? [] : [{ technician, availableFrom, openItems }];
  });
  if (options.length === 0)
    return {
      outcome: 'unassignable',
      reason: `no library technician at branch ${branch} with skill ${skill} is working in the next ${horizonDays} days`,
    };
  const [best] = options.sort(byLeastLoad);
  const when = best.availableFrom <= now ? 'working now' : `available from ${shortIso(best.availableFrom)}`;
  return {
    outcome: 'assign',
    technician: best.technician,
    availableFrom: Math.max(best.availableFrom, now),
    openItems: best.openItems,
    reason: `least load at branch ${branch}: ${items(best.openItems)} (${options.length} with skill ${skill} working), ${when}`,
  };
}

/** Why the technician can no longer hold a queue item of this demand, or undefined when they still can. */
export function cannotHold(technician: Technician | undefined, demand: QueueDemand): string | undefined {
  if (!technician) return 'no longer on the roster';
  if (!technician.active) return 'inactive';
  if (technician.branch !== demand.branch) return `no longer at branch ${demand.branch}`;
  if (!hasSkill(technician, demand.skill)) return `no longer has skill ${demand.skill}`;
  return undefined;
}

/** The fewest open queue items, then who works soonest, then the id (a stable choice). */
const byLeastLoad = (a: Option, b: Option): number =>
  a.openItems - b.openItems ||
  a.availableFrom - b.availableFrom ||
  a.technician.technicianId.localeCompare(b.technician.technicianId);
