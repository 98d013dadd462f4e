import { EventEnvelope, WorkOrderKind } from '@appliance-care/contracts';

/**
 * What the KPIs and the feedback links need of one lifecycle event: the job it concerns (the
 * installation, case or ticket: `sourceId`), who did it, where and when. One fact per event id,
 * insert-only, so a redelivered event is stored once.
 */
export interface KpiFact {
  /** the event id */
  id: string;
  /** the event type, with its version */
  type: string;
  /** the installation, case or ticket */
  sourceId: string;
  kind: WorkOrderKind;
  applianceId: string;
  /** when it happened (the event's own business time, e.g. startedAt), ISO 8601 UTC */
  at: string;
  /** the event time, ISO 8601 UTC: with `sequence` it says which of two facts is the later */
  time: string;
  /** arrival order in this process (TimelineEntry.position's offset) */
  sequence?: number;
  workOrderId?: string;
  customerId?: string;
  technicianId?: string;
  technicianName?: string;
  region?: string;
  window?: { from: string; to: string };
  /** repair.completed.v1's own flag: fixed on the first visit without waiting for parts */
  firstTimeFix?: boolean;
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Extract = (d: Data) => Omit<KpiFact, 'id' | 'type' | 'applianceId' | 'time' | 'sequence'>;

const iso = (value: string): string => new Date(value).toISOString();
const booking = (d: Data) => ({
  workOrderId: d['workOrderId'],
  technicianId: d['technicianId'],
  technicianName: d['technicianName'],
  window: { from: iso(d['window'].from), to: iso(d['window'].to) },
});

/** The event types that are facts, and what each says. */
const extractors: Record<string, Extract> = {
  'work-order.assigned.v1': (d) => ({
    sourceId: d['sourceId'],
    kind: d['kind'],
    at: '',
    customerId: d['customerId'],
    region: d['address']?.region,
    ...booking(d),
  }),
  'installation.requested.v1': (d) => ({
    sourceId: d['installationId'],
    kind: 'installation',
    at: iso(d['requestedAt']),
    region: d['region'],
  }),
  'installation.scheduled.v1': (d) => ({ sourceId: d['installationId'], kind: 'installation', at: '', ...booking(d) }),
  'installation.started.v1': (d) => ({
    sourceId: d['installationId'],
    kind: 'installation',
    at: iso(d['startedAt']),
    technicianId: d['technicianId'],
  }),
  'installation.completed.v1': (d) => ({
    sourceId: d['installationId'],
    kind: 'installation',
    at: iso(d['completedAt']),
    technicianId: d['technicianId'],
  }),
  'installation.failed.v1': (d) => ({
    sourceId: d['installationId'],
    kind: 'installation',
    at: iso(d['failedAt']),
    technicianId: d['technicianId'],
  }),
  'diagnosis.visit-requested.v1': (d) => ({
    sourceId: d['caseId'],
    kind: 'diagnostic-visit',
    at: '',
    region: d['region'],
  }),
  'diagnosis.completed.v1': (d) => ({
    sourceId: d['caseId'],
    kind: 'diagnostic-visit',
    at: iso(d['completedAt']),
    technicianId: d['technicianId'],
  }),
  'repair.ticket-opened.v1': (d) => ({
    sourceId: d['ticketId'],
    kind: 'repair',
    at: iso(d['openedAt']),
    region: d['region'],
  }),
  'repair.completed.v1': (d) => ({
    sourceId: d['ticketId'],
    kind: 'repair',
    at: iso(d['at']),
    technicianId: d['technicianId'],
    firstTimeFix: d['firstTimeFix'],
  }),
};

/** The event types the KPIs and feedback links read. */
export const KPI_FACT_TYPES = Object.keys(extractors);

/** The fact an event is, or undefined for an event the KPIs do not read. */
export function toKpiFact(event: EventEnvelope, sequence?: number): KpiFact | undefined {
  const extract = extractors[event.type];
  const data = event.data as Data;
  if (!extract || typeof data['applianceId'] !== 'string') return undefined;
  const time = iso(event.time);
  const extracted = extract(data);
  const fact: KpiFact = { id: event.id, type: event.type, applianceId: data['applianceId'], time, ...extracted };
  // a booking has no business time of its own: it is known when it is published
  if (!fact.at) fact.at = time;
  if (sequence !== undefined) fact.sequence = sequence;
  for (const key of Object.keys(fact) as (keyof KpiFact)[]) if (fact[key] === undefined) delete fact[key];
  return fact;
}

/** Later facts last: by event time, then by arrival. */
export const byTime = (a: KpiFact, b: KpiFact): number =>
  a.time.localeCompare(b.time) || (a.sequence ?? 0) - (b.sequence ?? 0) || a.id.localeCompare(b.id);

/** The latest of the facts that pass `which`, if any. */
export function latest(facts: readonly KpiFact[], which: (fact: KpiFact) => boolean): KpiFact | undefined {
  return facts.filter(which).sort(byTime).at(-1);
}
