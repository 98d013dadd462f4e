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
export const laneOf = (n: Pick<LaneMember, 'openThread' | 'channel'>): string | undefined =>
  n.openThread ? `${n.openThread}|${n.channel}` : undefined;

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
  laneOf: (n: LaneMember) => string | undefined,
  now: Date,
  recheckMs: number,
): RoundPlan<T> {
  const chains: T[][] = [];
  const blocked: RoundPlan<T>['blocked'] = [];
  const byLane = new Map<string, T[]>();
  for (const c of candidates) {
    const lane = c.seq === undefined ? undefined : laneOf(c);
    if (lane === undefined) chains.push([c]);
    else byLane.set(lane, [...(byLane.get(lane) ?? []), c]);
  }
  const openByLane = new Map<string, LaneMember[]>();
  for (const m of open) {
    const lane = m.seq === undefined ? undefined : laneOf(m);
    if (lane !== undefined) openByLane.set(lane, [...(openByLane.get(lane) ?? []), m]);
  }
  for (const [lane, members] of byLane) {
    members.sort((a, b) => (a.seq as number) - (b.seq as number));
    const inChain = new Set<string>();
    const chain: T[] = [];
    for (const c of members) {
      const blockers = (openByLane.get(lane) ?? []).filter(
        (m) =>
          m._id !== c._id &&
          (m.seq as number) < (c.seq as number) &&
          !inChain.has(m._id) &&
          // urgency goes past quiet hours: an urgent one does not wait for one held back until they end
          !(m.status === 'delayed' && c.urgency === 'urgent' && new Date(m.dueAt) > now),
      );
      if (blockers.length) {
        blocked.push({ notification: c, until: retryTime(blockers, now, recheckMs) });
        continue;
      }
      chain.push(c);
      inChain.add(c._id);
    }
    if (chain.length) chains.push(chain);
  }
  return { chains, blocked };
}

/**
 * When to look again: when the last blocker is next due (a retry's backoff, the end of quiet hours);
 * soon when one is being sent right now or is due but not in this round.
 */
function retryTime(blockers: LaneMember[], now: Date, recheckMs: number): Date {
  const soon = now.getTime() + recheckMs;
  const at = Math.max(
    ...blockers.map((b) =>
      b.claim || new Date(b.dueAt).getTime() <= now.getTime() ? soon : new Date(b.dueAt).getTime(),
    ),
  );
  return new Date(Math.max(at, now.getTime() + 1));
}
