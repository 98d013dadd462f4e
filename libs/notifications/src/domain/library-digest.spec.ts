import {
  composeDigest,
  digestDue,
  parseDigestTime,
  parseLibrarySupervisors,
  supervisorRecipientId,
} from './library-digest';

const serial = (title: string, expectedOn: string) => ({
  subscriptionId: `S-${title}`,
  title,
  volume: 3,
  number: 2,
  expectedOn,
  claimCount: 1,
});

describe('the supervisors’ daily digest', () => {
  it('is due once the configured hour (UTC) has come, for that day', () => {
    const at = parseDigestTime('07:00');
    expect(digestDue(new Date('2026-12-02T06:59:59Z'), at)).toBeUndefined();
    expect(digestDue(new Date('2026-12-02T07:00:00Z'), at)).toBe('2026-12-02');
    expect(digestDue(new Date('2026-12-02T23:10:00Z'), at)).toBe('2026-12-02');
  });

  it('refuses a time that is not HH:MM', () => {
    expect(() => parseDigestTime('7am')).toThrow(/LIBRARY_DIGEST_AT/);
    expect(() => parseDigestTime('24:00')).toThrow(/HH:MM/);
  });

  it('sends nothing for a branch with nothing to report', () => {
    expect(composeDigest('central', '2026-12-02', [], [])).toBeUndefined();
  });

  it('lists late serials by expected date and approvals oldest first', () => {
    const digest = composeDigest(
      'central',
      '2026-12-02',
      [serial('B', '2026-11-20'), serial('A', '2026-11-01')],
      [
        { itemId: 'I-2', title: 'Two', barcode: 'BC-2', submittedBy: 'T-1', submittedAt: '2026-12-01T10:00:00Z' },
        { itemId: 'I-1', title: 'One', barcode: 'BC-1', submittedBy: 'T-1', submittedAt: '2026-11-30T10:00:00Z' },
      ],
    );
    expect(digest?.lateSerials.map((s) => s.title)).toEqual(['A', 'B']);
    expect(digest?.approvals.map((a) => a.itemId)).toEqual(['I-1', 'I-2']);
  });

  it('reads the supervisors per branch, refusing an entry without an address', () => {
    expect(parseLibrarySupervisors({ central: [{ name: 'Ada', email: 'ada@example.org' }] }, 'f')).toEqual({
      central: [{ name: 'Ada', email: 'ada@example.org' }],
    });
    expect(() => parseLibrarySupervisors({ central: [{ name: 'Ada' }] }, 'f')).toThrow(/email/);
    expect(supervisorRecipientId('central', 'Ada@Example.org')).toBe('library-supervisor:central:ada-example.org');
  });
});
