import { z } from 'zod';

import { FeedbackRecord } from './feedback';
import { byTime, KpiFact, latest } from './kpi-fact';

const rate = z.number().nullable();

export const kpiFiguresSchema = z.object({
  csat: z.object({
    responses: z.number().int().describe('feedback given in the period'),
    meanRating: rate.describe('mean rating (1–5); null without responses'),
    satisfiedShare: rate.describe('share of ratings 4 or 5; null without responses'),
    customerReportedFirstTimeFixRate: rate.describe(
      "share of responses saying it was done the first time (the customer's view)",
    ),
  }),
  repairs: z.object({
    completed: z.number().int().describe('repairs completed in the period (repair.completed.v1)'),
    firstTimeFixRate: rate.describe(
      "share completed on the first visit without waiting for parts (the ticket's firstTimeFix)",
    ),
    meanTimeToRepairMinutes: rate.describe('mean minutes from the ticket opening to its completion'),
  }),
  installations: z.object({
    started: z.number().int().describe('installation visits started in the period'),
    onTimeStarts: z
      .number()
      .int()
      .describe('of those with a known booked window: started by its start + the tolerance'),
    onTimeStartRate: rate.describe('onTimeStarts over the starts with a known window'),
    finished: z.number().int().describe('visits that ended in the period: completed or failed'),
    failed: z.number().int(),
    failedShare: rate.describe('failed over finished'),
  }),
});
export type KpiFigures = z.infer<typeof kpiFiguresSchema>;

export const kpiReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  onTimeToleranceMinutes: z.number(),
  overall: kpiFiguresSchema,
  byTechnician: z.array(kpiFiguresSchema.extend({ technicianId: z.string(), technicianName: z.string().optional() })),
  byRegion: z.array(kpiFiguresSchema.extend({ region: z.string().describe('"unknown" when no event named it') })),
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

export interface KpiInput {
  /** the facts counted in the period and every fact of their jobs (bookings, openings, requests) */
  facts: readonly KpiFact[];
  /** feedback given in the period */
  feedback: readonly FeedbackRecord[];
  from: Date;
  to: Date;
  onTimeToleranceMinutes: number;
}

/** One counted thing, attributed to a technician and a region. */
interface Tally {
  technicianId?: string;
  region?: string;
  add: (totals: Totals) => void;
}

class Totals {
  responses = 0;
  ratingSum = 0;
  satisfied = 0;
  fixedFirstTimeSaid = 0;
  repairs = 0;
  firstTimeFixes = 0;
  timedRepairs = 0;
  repairMinutes = 0;
  starts = 0;
  startsWithWindow = 0;
  onTime = 0;
  finished = 0;
  failed = 0;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
const mean = (sum: number, count: number, digits: number): number | null =>
  count === 0 ? null : Math.round((sum / count) * 10 ** digits) / 10 ** digits;

function figuresOf(t: Totals): KpiFigures {
  return {
    csat: {
      responses: t.responses,
      meanRating: mean(t.ratingSum, t.responses, 2),
      satisfiedShare: ratio(t.satisfied, t.responses),
      customerReportedFirstTimeFixRate: ratio(t.fixedFirstTimeSaid, t.responses),
    },
    repairs: {
      completed: t.repairs,
      firstTimeFixRate: ratio(t.firstTimeFixes, t.repairs),
      meanTimeToRepairMinutes: mean(t.repairMinutes, t.timedRepairs, 1),
    },
    installations: {
      started: t.starts,
      onTimeStarts: t.onTime,
      onTimeStartRate: ratio(t.onTime, t.startsWithWindow),
      finished: t.finished,
      failed: t.failed,
      failedShare: ratio(t.failed, t.finished),
    },
  };
}

const feedbackTally = (f: FeedbackRecord): Tally => ({
  technicianId: f.technicianId,
  region: f.region,
  add: (t) => {
    t.responses += 1;
    t.ratingSum += f.rating;
    if (f.rating >= 4) t.satisfied += 1;
    if (f.fixedFirstTime) t.fixedFirstTimeSaid += 1;
  },
});

/** The region a job was requested for (installation, ticket, visit), else its booking's address. */
function regionOf(jobFacts: readonly KpiFact[]): string | undefined {
  const requested = latest(jobFacts, (f) => f.region !== undefined && f.type !== 'work-order.assigned.v1');
  return requested?.region ?? latest(jobFacts, (f) => f.region !== undefined)?.region;
}

function repairTally(done: KpiFact, jobFacts: readonly KpiFact[]): Tally {
  const opened = latest(jobFacts, (f) => f.type === 'repair.ticket-opened.v1');
  return {
    technicianId: done.technicianId,
    region: regionOf(jobFacts),
    add: (t) => {
      t.repairs += 1;
      if (done.firstTimeFix) t.firstTimeFixes += 1;
      if (!opened) return;
      t.timedRepairs += 1;
      t.repairMinutes += (Date.parse(done.at) - Date.parse(opened.at)) / 60_000;
    },
  };
}

function startTally(start: KpiFact, jobFacts: readonly KpiFact[], toleranceMinutes: number): Tally {
  // the window the visit was booked for: the latest booking published before the start
  const booked = jobFacts
    .filter((f) => f.window && byTime(f, start) < 0)
    .sort(byTime)
    .at(-1);
  const deadline = booked?.window ? Date.parse(booked.window.from) + toleranceMinutes * 60_000 : undefined;
  return {
    technicianId: start.technicianId,
    region: regionOf(jobFacts),
    add: (t) => {
      t.starts += 1;
      if (deadline === undefined) return;
      t.startsWithWindow += 1;
      if (Date.parse(start.at) <= deadline) t.onTime += 1;
    },
  };
}

function endTally(end: KpiFact, jobFacts: readonly KpiFact[]): Tally {
  return {
    technicianId: end.technicianId,
    region: regionOf(jobFacts),
    add: (t) => {
      t.finished += 1;
      if (end.type === 'installation.failed.v1') t.failed += 1;
    },
  };
}

/** Every counted thing of the period: feedback, completed repairs, installation starts and ends. */
function talliesOf(input: KpiInput): Tally[] {
  const from = input.from.toISOString();
  const to = input.to.toISOString();
  const inPeriod = (at: string) => at >= from && at < to;
  const bySource = new Map<string, KpiFact[]>();
  for (const fact of input.facts) bySource.set(fact.sourceId, [...(bySource.get(fact.sourceId) ?? []), fact]);
  const tallies = input.feedback.filter((f) => inPeriod(f.givenAt)).map(feedbackTally);
  for (const fact of input.facts) {
    if (!inPeriod(fact.at)) continue;
    const jobFacts = (bySource.get(fact.sourceId) ?? []).filter((f) => f.kind === fact.kind);
    if (fact.type === 'repair.completed.v1') tallies.push(repairTally(fact, jobFacts));
    if (fact.type === 'installation.started.v1') tallies.push(startTally(fact, jobFacts, input.onTimeToleranceMinutes));
    if (fact.type === 'installation.completed.v1' || fact.type === 'installation.failed.v1')
      tallies.push(endTally(fact, jobFacts));
  }
  return tallies;
}

function grouped(tallies: readonly Tally[], keyOf: (t: Tally) => string | undefined): Map<string, Totals> {
  const groups = new Map<string, Totals>();
  for (const tally of tallies) {
    const key = keyOf(tally);
    if (key === undefined) continue;
    const totals = groups.get(key) ?? new Totals();
    tally.add(totals);
    groups.set(key, totals);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The KPIs of [from, to): CSAT from the feedback given, first-time fix and mean time to repair from
 * the repairs completed (as repairs' own GET /stats defines them), on-time starts and failed
 * installations from the installation visits; overall, per technician and per region.
 */
export function computeKpis(input: KpiInput): KpiReport {
  const tallies = talliesOf(input);
  const overall = new Totals();
  tallies.forEach((t) => t.add(overall));
  const names = new Map(input.facts.filter((f) => f.technicianName).map((f) => [f.technicianId, f.technicianName]));
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    onTimeToleranceMinutes: input.onTimeToleranceMinutes,
    overall: figuresOf(overall),
    byTechnician: [...grouped(tallies, (t) => t.technicianId)].map(([technicianId, totals]) => ({
      technicianId,
      ...(names.get(technicianId) ? { technicianName: names.get(technicianId) } : {}),
      ...figuresOf(totals),
    })),
    byRegion: [...grouped(tallies, (t) => t.region ?? 'unknown')].map(([region, totals]) => ({
      region,
      ...figuresOf(totals),
    })),
  };
}
