import { PublicationPattern, Vendor } from '@appliance-care/contracts';
import { BusinessRuleError, InvalidTransitionError } from '@appliance-care/kernel';

import { PredictedIssue, predictedIssue, predictThrough, sequenceOf } from './publication-pattern';
import { ClaimDecision, claimsDue, SerialIssueRecord } from './serial-claim.policy';

/** A serial subscription: its terms, and what happened to each of its issues so far. */
export interface SubscriptionState {
  subscriptionId: string;
  title: string;
  issn?: string;
  branch: string;
  vendor: Vendor;
  pattern: PublicationPattern;
  startedAt: string;
  /** only the issues received or claimed, in run order; the others are where the pattern puts them */
  issues: SerialIssueRecord[];
  /** volumes whose every issue is in (volume-completed published once for each) */
  completedVolumes: number[];
  version: number;
}

export type SubscriptionTerms = Pick<
  SubscriptionState,
  'subscriptionId' | 'title' | 'issn' | 'branch' | 'vendor' | 'pattern'
>;

export type IssueStatus = 'expected' | 'received' | 'late' | 'claimed';

export interface IssueView extends PredictedIssue {
  status: IssueStatus;
  claimCount: number;
  receivedOn?: string;
  checkedInBy?: string;
  lastClaimedAt?: string;
}

export function startSubscription(terms: SubscriptionTerms, startedAt: string): SubscriptionState {
  return { ...terms, startedAt, issues: [], completedVolumes: [], version: 0 };
}

/** The same terms (a repeated POST): answered with the subscription; other terms under the same id are refused. */
export function sameTerms(state: SubscriptionState, terms: SubscriptionTerms): boolean {
  const pick = (t: SubscriptionTerms) => [t.title, t.issn ?? null, t.branch, t.vendor, t.pattern];
  return JSON.stringify(pick(state)) === JSON.stringify(pick(terms));
}

const issueName = (id: string, volume: number, number: number) => `${id} volume ${volume} number ${number}`;
const bySequence = (pattern: PublicationPattern) => (a: PredictedIssue, b: PredictedIssue) =>
  (sequenceOf(pattern, a.volume, a.number) ?? 0) - (sequenceOf(pattern, b.volume, b.number) ?? 0);

/** The issue the pattern puts at volume/number: 404 naming it when the pattern predicts no such issue. */
export function predicted(state: SubscriptionState, volume: number, number: number): PredictedIssue {
  const sequence = sequenceOf(state.pattern, volume, number);
  if (sequence === undefined)
    throw new BusinessRuleError(
      'issue-not-predicted',
      `subscription ${state.subscriptionId} predicts no issue volume ${volume} number ${number}: a volume has ${state.pattern.issuesPerVolume} issues`,
      { volume, number, issuesPerVolume: state.pattern.issuesPerVolume },
      404,
    );
  return predictedIssue(state.pattern, sequence);
}

const statusOf = (issue: PredictedIssue & Partial<SerialIssueRecord>, today: string): IssueStatus => {
  if (issue.receivedOn) return 'received';
  if ((issue.claimCount ?? 0) > 0) return 'claimed';
  return issue.expectedOn < today ? 'late' : 'expected';
};

export interface CheckIn {
  volume: number;
  number: number;
  receivedOn: string;
  checkedInBy: string;
  receivedAt: string;
}

export interface CheckedIn {
  state: SubscriptionState;
  issue: SerialIssueRecord;
  wasClaimed: boolean;
  /** the volume this issue completed (its last missing issue), once */
  completedVolume?: number;
}

/** An issue arrived: recorded once (a second check-in is refused naming its state); the last of a volume completes it. */
export function checkIn(state: SubscriptionState, input: CheckIn): CheckedIn {
  const expected = predicted(state, input.volume, input.number);
  const record = state.issues.find((i) => i.volume === input.volume && i.number === input.number);
  if (record?.receivedOn)
    throw new InvalidTransitionError(
      'serial issue',
      issueName(state.subscriptionId, input.volume, input.number),
      'received',
      'be checked in again',
    );
  const { receivedOn, checkedInBy, receivedAt } = input;
  const issue: SerialIssueRecord = { ...expected, claimCount: 0, ...record, receivedOn, checkedInBy, receivedAt };
  const others = state.issues.filter((i) => i !== record);
  const issues = [...others, issue].sort(bySequence(state.pattern));
  const inVolume = issues.filter((i) => i.volume === input.volume && i.receivedOn).length;
  const completes = inVolume === state.pattern.issuesPerVolume && !state.completedVolumes.includes(input.volume);
  return {
    state: {
      ...state,
      issues,
      completedVolumes: completes
        ? [...state.completedVolumes, input.volume].sort((a, b) => a - b)
        : state.completedVolumes,
    },
    issue,
    wasClaimed: issue.claimCount > 0,
    completedVolume: completes ? input.volume : undefined,
  };
}

/** The claims due at `now` (the claim policy decides), recorded on their issues. */
export function claimLate(
  state: SubscriptionState,
  now: Date,
  limit: number,
): { state: SubscriptionState; claims: ClaimDecision[] } {
  const claims = claimsDue(state, now, limit);
  if (!claims.length) return { state, claims };
  const at = now.toISOString();
  const claimed = new Map(claims.map((c) => [`${c.volume}/${c.number}`, c]));
  const kept = state.issues.filter((i) => !claimed.has(`${i.volume}/${i.number}`));
  const updated = claims.map((c) => {
    const record = state.issues.find((i) => i.volume === c.volume && i.number === c.number);
    const { volume, number, expectedOn, claimCount } = c;
    return { ...record, volume, number, expectedOn, claimCount, lastClaimedAt: at };
  });
  return { state: { ...state, issues: [...kept, ...updated].sort(bySequence(state.pattern)) }, claims };
}

/**
 * Every issue of the run through the current volume (or the last volume something happened in),
 * with its status on `today` (YYYY-MM-DD).
 */
export function issueViews(state: SubscriptionState, today: string): IssueView[] {
  const lastVolume = Math.max(1, ...state.issues.map((i) => i.volume));
  const records = new Map(state.issues.map((i) => [`${i.volume}/${i.number}`, i]));
  return predictThrough(state.pattern, today, lastVolume).map((issue) => {
    const record = records.get(`${issue.volume}/${issue.number}`);
    const view: IssueView = {
      ...issue,
      status: statusOf({ ...issue, ...record }, today),
      claimCount: record?.claimCount ?? 0,
    };
    if (record?.receivedOn) Object.assign(view, { receivedOn: record.receivedOn, checkedInBy: record.checkedInBy });
    if (record?.lastClaimedAt) view.lastClaimedAt = record.lastClaimedAt;
    return view;
  });
}

/** The issues late (past their expected date) or claimed and still not received on `today`, oldest first. */
export const lateIssues = (state: SubscriptionState, today: string): IssueView[] =>
  issueViews(state, today).filter((issue) => issue.status === 'late' || issue.status === 'claimed');
