import { createEvent, EventData, EventType } from '@appliance-care/contracts';

import { FeedbackRecord } from './feedback';
import { KpiFact, toKpiFact } from './kpi-fact';
import { computeKpis } from './kpi.calculator';

let sequence = 0;
function fact<T extends EventType>(type: T, data: EventData<T>, time: string): KpiFact {
  const made = toKpiFact(createEvent({ type, source: '/t', data, time }), ++sequence);
  if (!made) throw new Error(`no fact for ${type}`);
  return made;
}

const from = new Date('2026-03-01T00:00:00Z');
const to = new Date('2026-04-01T00:00:00Z');
const address = (region: string) => ({ line1: '1 High St', city: 'X', postalCode: 'X1', country: 'GB', region });

function installation(id: string, technicianId: string, region: string, windowFrom: string) {
  const ref = { installationId: id, applianceId: `A-${id}`, customerId: 'C-1' };
  const window = { from: windowFrom, to: new Date(Date.parse(windowFrom) + 2 * 3600_000).toISOString() };
  return {
    ref,
    facts: [
      fact(
        'installation.requested.v1',
        {
          ...ref,
          category: 'oven',
          requiredSkill: 'gas-safe',
          region,
          durationMinutes: 60,
          priority: 'normal',
          attempt: 1,
          requestedAt: '2026-02-20T09:00:00Z',
        },
        '2026-02-20T09:00:00Z',
      ),
      fact(
        'installation.scheduled.v1',
        { ...ref, workOrderId: `W-${id}`, technicianId, technicianName: `Name ${technicianId}`, window, attempt: 1 },
        '2026-02-21T09:00:00Z',
      ),
    ],
    started: (at: string) => fact('installation.started.v1', { ...ref, technicianId, startedAt: at }, at),
    failed: (at: string) =>
      fact('installation.failed.v1', { ...ref, technicianId, reason: 'no gas', failedAt: at }, at),
    completed: (at: string) =>
      fact(
        'installation.completed.v1',
        { ...ref, technicianId, completedAt: at, checklist: [{ item: 'x', done: true }], customerTrained: true },
        at,
      ),
  };
}

function repair(id: string, technicianId: string, region: string, openedAt: string, doneAt: string, ftf: boolean) {
  const ref = { ticketId: id, applianceId: `A-${id}`, customerId: 'C-1' };
  return [
    fact(
      'repair.ticket-opened.v1',
      {
        ...ref,
        caseId: `K-${id}`,
        category: 'oven',
        requiredSkill: 'gas-safe',
        region,
        priority: 'normal',
        severity: 'medium',
        slaDueAt: doneAt,
        durationMinutes: 60,
        coverage: { status: 'covered', reason: 'in warranty' },
        faults: [],
        parts: [],
        openedAt,
      },
      openedAt,
    ),
    fact(
      'repair.completed.v1',
      {
        ...ref,
        technicianId,
        at: doneAt,
        workDone: 'fixed',
        partsUsed: [],
        labourMinutes: 30,
        signedOffBy: 'C',
        firstTimeFix: ftf,
      },
      doneAt,
    ),
  ];
}

const feedback = (
  technicianId: string,
  region: string | undefined,
  rating: number,
  fixed: boolean,
  givenAt: string,
): FeedbackRecord => ({
  feedbackId: `FB-${technicianId}-${rating}-${givenAt}`,
  workOrderId: 'W',
  kind: 'repair',
  sourceId: 'R',
  applianceId: 'A',
  customerId: 'C-1',
  technicianId,
  ...(region ? { region } : {}),
  rating,
  fixedFirstTime: fixed,
  givenAt,
  linkId: 'L',
});

describe('KPIs', () => {
  it('computes CSAT, first-time fix and MTTR, on-time starts and failed installations per technician and region', () => {
    const onTime = installation('I-1', 'T-1', 'london', '2026-03-02T09:00:00.000Z');
    const late = installation('I-2', 'T-1', 'leeds', '2026-03-03T09:00:00.000Z');
    const justInTolerance = installation('I-3', 'T-2', 'london', '2026-03-04T09:00:00.000Z');
    const facts = [
      ...onTime.facts,
      onTime.started('2026-03-02T09:05:00Z'),
      onTime.completed('2026-03-02T10:00:00Z'),
      ...late.facts,
      late.started('2026-03-03T09:40:00Z'),
      late.failed('2026-03-03T10:00:00Z'),
      ...justInTolerance.facts,
      justInTolerance.started('2026-03-04T09:15:00Z'),
      justInTolerance.completed('2026-03-04T11:00:00Z'),
      ...repair('R-1', 'T-1', 'london', '2026-03-05T08:00:00Z', '2026-03-05T10:00:00Z', true),
      ...repair('R-2', 'T-2', 'london', '2026-03-05T08:00:00Z', '2026-03-06T08:00:00Z', false),
      // outside the period: not counted
      ...repair('R-3', 'T-2', 'london', '2026-02-05T08:00:00Z', '2026-02-06T08:00:00Z', true),
    ];
    const report = computeKpis({
      facts,
      feedback: [
        feedback('T-1', 'london', 5, true, '2026-03-05T12:00:00Z'),
        feedback('T-1', 'leeds', 3, false, '2026-03-06T12:00:00Z'),
        feedback('T-2', undefined, 4, true, '2026-03-07T12:00:00Z'),
        feedback('T-2', 'london', 1, false, '2026-02-07T12:00:00Z'),
      ],
      from,
      to,
      onTimeToleranceMinutes: 15,
    });
    expect(report.overall).toEqual({
      csat: { responses: 3, meanRating: 4, satisfiedShare: 0.6667, customerReportedFirstTimeFixRate: 0.6667 },
      repairs: { completed: 2, firstTimeFixRate: 0.5, meanTimeToRepairMinutes: 780 },
      installations: {
        started: 3,
        onTimeStarts: 2,
        onTimeStartRate: 0.6667,
        finished: 3,
        failed: 1,
        failedShare: 0.3333,
      },
    });
    expect(report.byTechnician.map((t) => [t.technicianId, t.technicianName])).toEqual([
      ['T-1', 'Name T-1'],
      ['T-2', 'Name T-2'],
    ]);
    expect(report.byTechnician[0]).toMatchObject({
      csat: { responses: 2, meanRating: 4, satisfiedShare: 0.5 },
      repairs: { completed: 1, firstTimeFixRate: 1, meanTimeToRepairMinutes: 120 },
      installations: { started: 2, onTimeStarts: 1, onTimeStartRate: 0.5, finished: 2, failed: 1, failedShare: 0.5 },
    });
    expect(report.byRegion.map((r) => r.region)).toEqual(['leeds', 'london', 'unknown']);
    expect(report.byRegion[1]).toMatchObject({
      csat: { responses: 1, meanRating: 5 },
      repairs: { completed: 2, meanTimeToRepairMinutes: 780 },
      installations: { started: 2, onTimeStarts: 2, failed: 0, finished: 2, failedShare: 0 },
    });
    expect(report.byRegion[2].csat.responses).toBe(1);
  });

  it('answers null rates, not zeros, when nothing was counted, and a start without a known window is no on-time start', () => {
    const lone = installation('I-9', 'T-9', 'york', '2026-03-02T09:00:00.000Z');
    const report = computeKpis({
      facts: [lone.started('2026-03-02T09:00:00Z')],
      feedback: [],
      from,
      to,
      onTimeToleranceMinutes: 0,
    });
    expect(report.overall.csat).toEqual({
      responses: 0,
      meanRating: null,
      satisfiedShare: null,
      customerReportedFirstTimeFixRate: null,
    });
    expect(report.overall.repairs.firstTimeFixRate).toBeNull();
    expect(report.overall.installations).toMatchObject({ started: 1, onTimeStarts: 0, onTimeStartRate: null });
    expect(report.byRegion).toEqual([expect.objectContaining({ region: 'unknown' })]);
  });

  it('uses the booking in force at the start: a later move does not make an earlier start late', () => {
    const job = installation('I-5', 'T-5', 'york', '2026-03-10T09:00:00.000Z');
    const start = job.started('2026-03-10T09:10:00Z');
    const movedAfterwards = fact(
      'work-order.assigned.v1',
      {
        workOrderId: 'W-I-5',
        kind: 'installation',
        sourceId: 'I-5',
        applianceId: 'A-I-5',
        technicianId: 'T-5',
        technicianName: 'Name T-5',
        window: { from: '2026-03-12T09:00:00Z', to: '2026-03-12T11:00:00Z' },
        reason: 'moved',
        address: address('york'),
      },
      '2026-03-11T09:00:00Z',
    );
    const report = computeKpis({
      facts: [...job.facts, start, movedAfterwards],
      feedback: [],
      from,
      to,
      onTimeToleranceMinutes: 15,
    });
    expect(report.overall.installations).toMatchObject({ started: 1, onTimeStarts: 1 });
  });
});
