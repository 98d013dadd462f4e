import { createEvent, EventData } from '@appliance-care/contracts';

import { feedbackFrom, feedbackIdFor, FeedbackLink, jobOf, linkedJob } from './feedback';
import { KpiFact, toKpiFact } from './kpi-fact';

let sequence = 0;
const window = { from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T11:00:00.000Z' };
const assigned = (over: Partial<EventData<'work-order.assigned.v1'>>, time: string): KpiFact =>
  toKpiFact(
    createEvent({
      type: 'work-order.assigned.v1',
      source: '/t',
      time,
      data: {
        workOrderId: 'W-1',
        kind: 'repair',
        sourceId: 'R-1',
        applianceId: 'A-1',
        customerId: 'C-1',
        technicianId: 'T-1',
        technicianName: 'Ann',
        window,
        reason: 'nearest',
        address: { line1: '1 High St', city: 'Leeds', postalCode: 'LS1', country: 'GB', region: 'leeds' },
        ...over,
      },
    }),
    ++sequence,
  ) as KpiFact;
const completed = toKpiFact(
  createEvent({
    type: 'repair.completed.v1',
    source: '/t',
    time: '2026-03-02T10:30:00Z',
    data: {
      ticketId: 'R-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      technicianId: 'T-2',
      at: '2026-03-02T10:30:00Z',
      workDone: 'new pump',
      partsUsed: [],
      labourMinutes: 40,
      signedOffBy: 'C',
      firstTimeFix: true,
    },
  }),
) as KpiFact;
const link: FeedbackLink = { kind: 'repair', sourceId: 'R-1', customerId: 'C-1', linkId: 'L-1' };

describe('feedback', () => {
  it('is once per job: its id comes from the kind and the source id, and stays an id when the source id is long', () => {
    expect(feedbackIdFor('repair', 'R-1')).toBe('FB-repair-R-1');
    expect(feedbackIdFor('repair', 'R-1')).toBe(feedbackIdFor('repair', 'R-1'));
    expect(feedbackIdFor('installation', 'R-1')).not.toBe(feedbackIdFor('repair', 'R-1'));
    const long = feedbackIdFor('diagnostic-visit', 'x'.repeat(128));
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long).not.toBe(feedbackIdFor('diagnostic-visit', 'y'.repeat(128)));
  });

  it("takes the job's latest booking: work order, technician, region from its address, and when it was done", () => {
    const facts = [
      assigned({}, '2026-03-01T08:00:00Z'),
      assigned({ technicianId: 'T-2', technicianName: 'Bo', previousTechnicianId: 'T-1' }, '2026-03-01T09:00:00Z'),
      completed,
    ];
    expect(jobOf(facts, 'repair', 'R-1')).toEqual({
      kind: 'repair',
      sourceId: 'R-1',
      workOrderId: 'W-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      technicianId: 'T-2',
      technicianName: 'Bo',
      region: 'leeds',
      window,
      doneAt: '2026-03-02T10:30:00.000Z',
    });
    expect(jobOf(facts, 'installation', 'R-1')).toBeUndefined();
  });

  it('refuses a link that names no job, an unknown job, or another customer', () => {
    const facts = [assigned({}, '2026-03-01T08:00:00Z')];
    expect(linkedJob({ ...link, kind: 'oven' }, facts)).toEqual({ refused: 'not-a-job' });
    expect(linkedJob({ ...link, sourceId: 'R-2' }, facts)).toEqual({ refused: 'unknown-job' });
    expect(linkedJob({ ...link, customerId: 'C-2' }, facts)).toEqual({ refused: 'other-customer' });
    expect(linkedJob(link, facts)).toMatchObject({ job: { workOrderId: 'W-1' } });
  });

  it('records the answer with the job it is about', () => {
    const job = jobOf([assigned({}, '2026-03-01T08:00:00Z')], 'repair', 'R-1');
    const now = new Date('2026-03-03T12:00:00Z');
    expect(feedbackFrom(link, job!, { rating: 4, comment: '  ', fixedFirstTime: true }, now)).toEqual({
      feedbackId: 'FB-repair-R-1',
      workOrderId: 'W-1',
      kind: 'repair',
      sourceId: 'R-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      technicianId: 'T-1',
      region: 'leeds',
      rating: 4,
      fixedFirstTime: true,
      givenAt: '2026-03-03T12:00:00.000Z',
      linkId: 'L-1',
    });
  });
});
