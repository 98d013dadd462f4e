import { PublicationPattern } from '@appliance-care/contracts';

import { expectedOnAt, predictedIssue, predictThrough, sequenceOf, volumeItemId } from './publication-pattern';

const pattern = (over: Partial<PublicationPattern> = {}): PublicationPattern => ({
  frequency: 'monthly',
  firstExpectedOn: '2027-01-31',
  issuesPerVolume: 12,
  graceDays: 10,
  ...over,
});

describe('publication pattern: Koha-style prediction of each issue and its expected date (UTC)', () => {
  it('counts weekly issues in days and the others in calendar months from the first date, clamping short months one issue at a time', () => {
    const weekly = pattern({ frequency: 'weekly', firstExpectedOn: '2027-12-27' });
    expect([0, 1, 2].map((n) => expectedOnAt(weekly, n))).toEqual(['2027-12-27', '2028-01-03', '2028-01-10']);
    expect([0, 1, 2, 3].map((n) => expectedOnAt(pattern(), n))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(expectedOnAt(pattern({ frequency: 'monthly', firstExpectedOn: '2027-11-30' }), 3)).toBe('2028-02-29');
    expect(expectedOnAt(pattern({ frequency: 'bimonthly', firstExpectedOn: '2027-01-15' }), 2)).toBe('2027-05-15');
    expect(expectedOnAt(pattern({ frequency: 'quarterly', firstExpectedOn: '2027-01-15' }), 4)).toBe('2028-01-15');
    expect(expectedOnAt(pattern({ frequency: 'annual', firstExpectedOn: '2028-02-29' }), 1)).toBe('2029-02-28');
  });

  it('numbers issues within volumes of issuesPerVolume, and knows which positions the pattern predicts', () => {
    const quarterly = pattern({ frequency: 'quarterly', firstExpectedOn: '2027-03-01', issuesPerVolume: 4 });
    expect(predictedIssue(quarterly, 0)).toEqual({ volume: 1, number: 1, expectedOn: '2027-03-01' });
    expect(predictedIssue(quarterly, 5)).toEqual({ volume: 2, number: 2, expectedOn: '2028-06-01' });
    expect(sequenceOf(quarterly, 2, 2)).toBe(5);
    expect(sequenceOf(quarterly, 1, 5)).toBeUndefined();
    expect(sequenceOf(quarterly, 0, 1)).toBeUndefined();
  });

  it('predicts through the end of the volume that holds the last issue due by a date (at least volume 1, or a later one asked for)', () => {
    const p = pattern({ frequency: 'monthly', firstExpectedOn: '2027-01-15', issuesPerVolume: 6 });
    expect(predictThrough(p, '2026-12-01')).toHaveLength(6);
    const through = predictThrough(p, '2027-07-20');
    expect(through).toHaveLength(12);
    expect(through[6]).toEqual({ volume: 2, number: 1, expectedOn: '2027-07-15' });
    expect(predictThrough(p, '2027-01-20', 3)).toHaveLength(18);
  });

  it('names the bindable unit of a volume stably', () => {
    expect(volumeItemId('SUB-1', 3)).toBe('VOL-SUB-1-3');
  });
});
