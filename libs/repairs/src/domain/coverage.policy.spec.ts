import { decideCoverage } from './coverage.policy';

const warranty = { status: 'in-warranty' as const, endsAt: '2027-06-01T00:00:00Z' };
const fault = { component: 'drain pump', description: 'blocked' };

describe('coverage policy', () => {
  it('covers a problem reported before the warranty end with no excluded cause', () => {
    const d = decideCoverage({ reportedAt: '2027-05-31T23:59:59Z', warranty, faults: [fault] });
    expect(d).toEqual({ status: 'covered', reason: expect.stringContaining('in warranty until 2027-06-01') });
  });

  it('bills a problem reported at or after the warranty end, whatever the status flag says', () => {
    expect(decideCoverage({ reportedAt: '2027-06-01T00:00:00Z', warranty, faults: [fault] }).status).toBe('billable');
    const late = decideCoverage({ reportedAt: '2028-01-01T00:00:00Z', warranty, faults: [fault] });
    expect(late).toEqual({ status: 'billable', reason: expect.stringContaining('out of warranty') });
  });

  it.each(['misuse', 'external-damage'] as const)(
    'bills an in-warranty repair whose fault has the excluded cause %s',
    (cause) => {
      const d = decideCoverage({
        reportedAt: '2027-01-01T00:00:00Z',
        warranty,
        faults: [fault, { ...fault, component: 'door', excludedCause: cause }],
      });
      expect(d.status).toBe('billable');
      expect(d.reason).toBe(`cause excluded from warranty: ${cause} (door)`);
    },
  );

  it('compares instants, not strings (time zone offsets)', () => {
    // 2027-06-01T00:30+01:00 is 2027-05-31T23:30Z: before the end
    expect(decideCoverage({ reportedAt: '2027-06-01T00:30:00+01:00', warranty, faults: [] }).status).toBe('covered');
  });
});
