import { BusinessRuleError, InvalidTransitionError } from '@appliance-care/kernel';

import {
  checkIn,
  claimLate,
  issueViews,
  lateIssues,
  sameTerms,
  startSubscription,
  SubscriptionTerms,
} from './subscription';

const terms: SubscriptionTerms = {
  subscriptionId: 'SUB-1',
  title: 'The Quarterly',
  branch: 'central',
  vendor: { vendorId: 'V-1', name: 'Vendor', email: 'claims@vendor.example' },
  pattern: { frequency: 'quarterly', firstExpectedOn: '2027-01-01', issuesPerVolume: 2, graceDays: 7 },
};
const by = { checkedInBy: 'LT-1', receivedAt: '2027-01-02T10:00:00.000Z' };

describe('serial subscription: check-in, volume completion and claims as data', () => {
  it('checks an issue in once, refusing a second check-in naming its state and an issue the pattern does not predict', () => {
    const state = startSubscription(terms, '2026-12-01T00:00:00.000Z');
    const first = checkIn(state, { volume: 1, number: 1, receivedOn: '2027-01-02', ...by });
    expect(first.issue).toMatchObject({ volume: 1, number: 1, expectedOn: '2027-01-01', receivedOn: '2027-01-02' });
    expect(first.wasClaimed).toBe(false);
    expect(first.completedVolume).toBeUndefined();
    expect(() => checkIn(first.state, { volume: 1, number: 1, receivedOn: '2027-01-03', ...by })).toThrow(
      InvalidTransitionError,
    );
    expect(() => checkIn(first.state, { volume: 1, number: 3, receivedOn: '2027-01-03', ...by })).toThrow(
      expect.objectContaining({ status: 404, code: 'issue-not-predicted' }) as BusinessRuleError,
    );
  });

  it('completes a volume with its last missing issue, whatever the order, once', () => {
    const state = startSubscription(terms, '2026-12-01T00:00:00.000Z');
    const second = checkIn(state, { volume: 1, number: 2, receivedOn: '2027-04-01', ...by });
    expect(second.completedVolume).toBeUndefined();
    const first = checkIn(second.state, { volume: 1, number: 1, receivedOn: '2027-04-02', ...by });
    expect(first.completedVolume).toBe(1);
    expect(first.state.completedVolumes).toEqual([1]);
    expect(first.state.issues.map((i) => i.number)).toEqual([1, 2]);
  });

  it('records claims on their issues; a claimed issue checked in was claimed, and leaves the late list', () => {
    const state = startSubscription(terms, '2026-12-01T00:00:00.000Z');
    const claimed = claimLate(state, new Date('2027-01-10T00:00:00Z'), 10);
    expect(claimed.claims).toEqual([{ volume: 1, number: 1, expectedOn: '2027-01-01', claimCount: 1 }]);
    expect(claimLate(claimed.state, new Date('2027-01-10T00:00:00Z'), 10).claims).toEqual([]);
    expect(lateIssues(claimed.state, '2027-01-10')).toMatchObject([{ number: 1, status: 'claimed', claimCount: 1 }]);
    const arrived = checkIn(claimed.state, { volume: 1, number: 1, receivedOn: '2027-01-11', ...by });
    expect(arrived.wasClaimed).toBe(true);
    expect(lateIssues(arrived.state, '2027-01-11')).toEqual([]);
    expect(issueViews(arrived.state, '2027-01-11').map((i) => i.status)).toEqual(['received', 'expected']);
  });

  it('tells the same terms from other terms under the same id', () => {
    const state = startSubscription(terms, '2026-12-01T00:00:00.000Z');
    expect(sameTerms(state, { ...terms })).toBe(true);
    expect(sameTerms(state, { ...terms, title: 'Another' })).toBe(false);
  });
});
