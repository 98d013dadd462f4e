import { NotificationChannel } from '@appliance-care/contracts';

import { NotificationStatus } from './delivery-plan';
import { Urgency } from './quiet-hours.policy';

/**
 * Order of delivery (issue 14, item 7): the notifications of one lifecycle thread (correlation id)
 * for one recipient on one channel go out in the order their events were planned — which, for the
 * events of one topic and key, is the order of the events. A notification is not sent while an
 * earlier one of its lane is still open (pending, being sent, waiting for a retry), except that an
 * urgent one does not wait for an earlier one held back by quiet hours (`delayed`). Lanes are
 * independent, so different recipients and threads still go in parallel.
 */

/** The thread of a notification while it is open (unset once sent or failed); one store query finds its open neighbours. */
export const openThreadOf = (recipientId: string, correlationId: string): string => `${recipientId}|${correlationId}`;

/** Channels sent by the delivery worker, whose order matters (in-app entries are born sent). */
export const ORDERED_CHANNELS: readonly NotificationChannel[] = ['email', 'sms', 'webhook'];

let lastSequence = 0;

/** Strictly increasing in this process (ms × 1000 + a counter): the planning order. */
export function nextPlanSequence(now: number = Date.now()): number {
  lastSequence = Math.max(now * 1000, lastSequence + 1);
  return lastSequence;
}

/** What the worker knows of a notification of a lane. */
export interface LaneMember {
  _id: string;
  channel: string;
  openThread?: string;
  seq?: number;
  status: NotificationStatus;
  urgency: Urgency;
  dueAt: Date;
  claim?: string;
}

/** A lane: one recipient, one lifecycle thread, one channel; undefined for a notification outside any (closed, or older than ordering). */
export const laneOf = (member: Pick<LaneMember, 'openThread' | 'channel'>): string | undefined =>
  member.openThread ? `${member.openThread}|${member.channel}` : undefined;

export interface RoundPlan<T extends LaneMember> {
  /** each chain is sent in order, one after the other; chains go in parallel */
  chains: T[][];
  /** not to be sent now: an earlier notification of the lane is still open; come back at `until` */
  blocked: { notification: T; until: Date }[];
}

/**
 * Decides which due notifications may be sent in this round. `open` holds the open members of the
 * candidates' lanes as the store has them now (candidates included); a candidate without `seq`
 * (planned before ordering existed) is sent on its own.
 */
export function planRound<T extends LaneMember>(
  candidates: T[],
  open: LaneMember[],
  laneOf: (member: LaneMember) => string | undefined,
  now: Date,
  recheckMs: number,
): RoundPlan<T> {
  const plan: RoundPlan<T> = { chains: [], blocked: [] };
  const candidatesByLane = byLane(candidates, laneOf);
  for (const candidate of candidatesByLane.get(undefined) ?? []) plan.chains.push([candidate]);
  const openByLane = byLane(open, laneOf);
  for (const [lane, members] of candidatesByLane) {
    if (lane === undefined) continue;
    members.sort((left, right) => (left.seq as number) - (right.seq as number));
    const chain: T[] = [];
    const inChain = new Set<string>();
    for (const candidate of members) {
      const blockers = (openByLane.get(lane) ?? []).filter(
        (member) => !inChain.has(member._id) && holdsBack(member, candidate, now),
      );
      if (blockers.length) {
        plan.blocked.push({ notification: candidate, until: retryTime(blockers, now, recheckMs) });
        continue;
      }
      chain.push(candidate);
      inChain.add(candidate._id);
    }
    if (chain.length) plan.chains.push(chain);
  }
  return plan;
}

/** Members by lane, in their order; those outside any lane (or without `seq`) under undefined. */
function byLane<T extends LaneMember>(
  members: T[],
  laneOf: (member: LaneMember) => string | undefined,
): Map<string | undefined, T[]> {
  const lanes = new Map<string | undefined, T[]>();
  for (const member of members) {
    const lane = member.seq === undefined ? undefined : laneOf(member);
    lanes.set(lane, [...(lanes.get(lane) ?? []), member]);
  }
  return lanes;
}

/** An earlier open member of the lane holds a candidate back, except one held back by quiet hours from an urgent one. */
function holdsBack(member: LaneMember, candidate: LaneMember, now: Date): boolean {
  return (
    member._id !== candidate._id &&
    (member.seq as number) < (candidate.seq as number) &&
    // urgency goes past quiet hours: an urgent one does not wait for one held back until they end
    !(member.status === 'delayed' && candidate.urgency === 'urgent' && new Date(member.dueAt) > now)
  );
}

/**
 * When to look again: when the last blocker is next due (a retry's backoff, the end of quiet hours);
 * soon when one is being sent right now or is due but not in this round.
 */
function retryTime(blockers: LaneMember[], now: Date, recheckMs: number): Date {
  const soon = now.getTime() + recheckMs;
  const at = Math.max(
    ...blockers.map((blocker) =>
      blocker.claim || new Date(blocker.dueAt).getTime() <= now.getTime() ? soon : new Date(blocker.dueAt).getTime(),
    ),
  );
  return new Date(Math.max(at, now.getTime() + 1));
}
