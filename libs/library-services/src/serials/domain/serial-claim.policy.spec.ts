import { PublicationPattern } from '@appliance-care/contracts';

import {
  claimDueAt,
  claimsDue,
  claimVerdict,
  nextClaimAt,
  oldestMissingOn,
  SerialIssueRecord,
} from './serial-claim.policy';

const pattern: PublicationPattern = {
  frequency: 'monthly',
  firstExpectedOn: '2027-01-10',
  issuesPerVolume: 3,
  graceDays: 5,
};
const at = (iso: string) => new Date(iso);
const received = (volume: number, number: number, expectedOn: string): SerialIssueRecord => ({
  volume,
  number,
  expectedOn,
  receivedOn: expectedOn,
  claimCount: 0,
});

describe('serial claim policy: claim an issue missing after its expected date plus grace, again after another grace', () => {
  it('claims first on the day after expected + grace, again graceDays after the last claim (at least a day), never once received', () => {
    const issue = { expectedOn: '2027-01-10', claimCount: 0 };
    expect(new Date(claimDueAt(issue, 5)).toISOString()).toBe('2027-01-16T00:00:00.000Z');
    expect(claimVerdict(issue, 5, at('2027-01-15T23:59:59Z'))).toEqual({ act: false, reason: 'within-grace' });
    expect(claimVerdict(issue, 5, at('2027-01-16T00:00:00Z'))).toEqual({ act: true, reason: 'claim-due' });
    const claimed = { expectedOn: '2027-01-10', claimCount: 1, lastClaimedAt: '2027-01-16T09:00:00.000Z' };
    expect(claimVerdict(claimed, 5, at('2027-01-21T08:59:59Z'))).toEqual({ act: false, reason: 'reclaim-not-yet' });
    expect(claimVerdict(claimed, 5, at('2027-01-21T09:00:00Z'))).toEqual({ act: true, reason: 'reclaim-due' });
    expect(new Date(claimDueAt(claimed, 0)).toISOString()).toBe('2027-01-17T09:00:00.000Z');
    expect(claimVerdict({ ...claimed, receivedOn: '2027-01-20' }, 5, at('2027-03-01Z'))).toEqual({
      act: false,
      reason: 'received',
    });
  });

  it('lists the claims due oldest first, skipping received issues, counting each issue’s claims, at most `limit`', () => {
    const issues: SerialIssueRecord[] = [
      received(1, 1, '2027-01-10'),
      { volume: 1, number: 2, expectedOn: '2027-02-10', claimCount: 1, lastClaimedAt: '2027-02-16T00:00:00.000Z' },
      received(1, 3, '2027-03-10'),
    ];
    const now = at('2027-05-20T00:00:00Z');
    // 1/2 again (claim 2); 2/1 (April 10) and 2/2 (May 10) for the first time; 2/3 (June 10) not yet expected
    expect(claimsDue({ pattern, issues }, now, 10)).toEqual([
      { volume: 1, number: 2, expectedOn: '2027-02-10', claimCount: 2 },
      { volume: 2, number: 1, expectedOn: '2027-04-10', claimCount: 1 },
      { volume: 2, number: 2, expectedOn: '2027-05-10', claimCount: 1 },
    ]);
    expect(claimsDue({ pattern, issues }, now, 2)).toHaveLength(2);
    expect(claimsDue({ pattern, issues }, at('2027-02-20T00:00:00Z'), 10)).toEqual([]);
  });

  it('tells the sweeper when it next has something to decide, and the late list the oldest missing issue', () => {
    const issues: SerialIssueRecord[] = [
      received(1, 1, '2027-01-10'),
      { volume: 1, number: 2, expectedOn: '2027-02-10', claimCount: 1, lastClaimedAt: '2027-02-16T00:00:00.000Z' },
    ];
    expect(nextClaimAt({ pattern, issues: [] })).toBe('2027-01-16T00:00:00.000Z');
    // the re-claim of 1/2 (21 February) comes before the first claim of 1/3 (16 March)
    expect(nextClaimAt({ pattern, issues })).toBe('2027-02-21T00:00:00.000Z');
    expect(oldestMissingOn({ pattern, issues })).toBe('2027-02-10');
    expect(oldestMissingOn({ pattern, issues: [received(1, 1, '2027-01-10')] })).toBe('2027-02-10');
    const both = [issues[0], { ...issues[1], receivedOn: '2027-02-25' }];
    expect(oldestMissingOn({ pattern, issues: both })).toBe('2027-03-10');
    expect(nextClaimAt({ pattern, issues: both })).toBe('2027-03-16T00:00:00.000Z');
  });
});
