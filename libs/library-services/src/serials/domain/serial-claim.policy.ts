import { PublicationPattern } from '@appliance-care/contracts';

import { DAY_MS, MAX_PREDICTED_ISSUES, PredictedIssue, predictedIssue, sequenceOf } from './publication-pattern';

/** What a subscription remembers of an issue once something happened to it (received, or claimed). */
export interface SerialIssueRecord extends PredictedIssue {
  /** YYYY-MM-DD it arrived (absent: still missing) */
  receivedOn?: string;
  checkedInBy?: string;
  receivedAt?: string;
  /** claims sent to the vendor so far */
  claimCount: number;
  lastClaimedAt?: string;
}

/** The facts the claim decisions read. */
export interface ClaimFacts {
  pattern: PublicationPattern;
  /** the issues with a record, in run order */
  issues: readonly SerialIssueRecord[];
}

/** A decision with its reason, so that a caller (and a test) can tell "not yet" from "already done". */
export interface Verdict<R extends string> {
  act: boolean;
  reason: R;
}

export type ClaimReason = 'received' | 'within-grace' | 'claim-due' | 'reclaim-not-yet' | 'reclaim-due';

/** One claim to send: the issue and which claim of it this is (1 for the first). */
export interface ClaimDecision extends PredictedIssue {
  claimCount: number;
}

type ClaimState = Pick<SerialIssueRecord, 'expectedOn' | 'claimCount' | 'lastClaimedAt' | 'receivedOn'>;

/**
 * When an issue may be claimed: the first claim once its expected date plus graceDays has passed
 * (the day after: "not received by" that date), each further claim graceDays after the last one
 * (at least a day, so that a zero grace does not claim at every sweep).
 */
export function claimDueAt(issue: ClaimState, graceDays: number): number {
  if (issue.claimCount === 0 || !issue.lastClaimedAt) return Date.parse(issue.expectedOn) + (graceDays + 1) * DAY_MS;
  return Date.parse(issue.lastClaimedAt) + Math.max(graceDays, 1) * DAY_MS;
}

/** Should this issue be claimed from the vendor now? Never once received. */
export function claimVerdict(issue: ClaimState, graceDays: number, now: Date): Verdict<ClaimReason> {
  if (issue.receivedOn) return { act: false, reason: 'received' };
  const due = now.getTime() >= claimDueAt(issue, graceDays);
  if (issue.claimCount === 0) return { act: due, reason: due ? 'claim-due' : 'within-grace' };
  return { act: due, reason: due ? 'reclaim-due' : 'reclaim-not-yet' };
}

const recordsBySequence = (facts: ClaimFacts): Map<number, SerialIssueRecord> =>
  new Map(facts.issues.map((issue) => [sequenceOf(facts.pattern, issue.volume, issue.number) ?? -1, issue]));

/**
 * The run position of the first issue nobody has heard of (no record: neither received nor claimed).
 * Every later such issue is expected later, so it is the only one of them a sweep need look at first.
 */
export function firstUnheardOf(facts: ClaimFacts): number {
  const known = recordsBySequence(facts);
  let sequence = 0;
  while (known.has(sequence)) sequence += 1;
  return sequence;
}

/**
 * The claims a sweep at `now` sends, oldest issue first, at most `limit` (the rest wait for the next
 * sweep, which finds them still due): every claimed issue still missing whose next claim is due, and
 * every issue never heard of whose grace is over.
 */
export function claimsDue(facts: ClaimFacts, now: Date, limit: number): ClaimDecision[] {
  const grace = facts.pattern.graceDays;
  const again = facts.issues
    .filter((issue) => issue.claimCount > 0 && claimVerdict(issue, grace, now).act)
    .map((issue) => ({ issue, sequence: sequenceOf(facts.pattern, issue.volume, issue.number) ?? 0 }));
  const known = recordsBySequence(facts);
  const first: { issue: SerialIssueRecord; sequence: number }[] = [];
  for (let sequence = firstUnheardOf(facts); sequence < MAX_PREDICTED_ISSUES && first.length < limit; sequence++) {
    if (known.has(sequence)) continue;
    const issue = { ...predictedIssue(facts.pattern, sequence), claimCount: 0 };
    if (!claimVerdict(issue, grace, now).act) break;
    first.push({ issue, sequence });
  }
  return [...again, ...first]
    .sort((a, b) => a.sequence - b.sequence)
    .slice(0, limit)
    .map(({ issue }) => ({
      volume: issue.volume,
      number: issue.number,
      expectedOn: issue.expectedOn,
      claimCount: issue.claimCount + 1,
    }));
}

/**
 * When the sweeper next has a claim to decide for this subscription (its index): the earliest of
 * the missing claimed issues' next claims and the first unheard-of issue's first claim. Always a
 * time: the run goes on, so some issue is always still to come.
 */
export function nextClaimAt(facts: ClaimFacts): string {
  const grace = facts.pattern.graceDays;
  const unheard = { ...predictedIssue(facts.pattern, firstUnheardOf(facts)), claimCount: 0 };
  const times = facts.issues
    .filter((issue) => !issue.receivedOn && issue.claimCount > 0)
    .map((issue) => claimDueAt(issue, grace));
  return new Date(Math.min(claimDueAt(unheard, grace), ...times)).toISOString();
}

/** The expected date of the oldest issue still missing (its index: a subscription with late issues has it before today). */
export function oldestMissingOn(facts: ClaimFacts): string {
  const unheard = predictedIssue(facts.pattern, firstUnheardOf(facts)).expectedOn;
  const missing = facts.issues.filter((issue) => !issue.receivedOn).map((issue) => issue.expectedOn);
  return [unheard, ...missing].sort()[0];
}
