import { z } from 'zod';

import { applianceDescriptionSchema, Appointment, appointmentSchema, TimelineEntry } from './timeline-entry';

export const APPLIANCE_STATUSES = [
  'registered',
  'awaiting-installation',
  'installation-scheduled',
  'installing',
  'installation-failed',
  'installed',
  'installation-cancelled',
  'under-diagnosis',
  'awaiting-customer',
  'awaiting-diagnostic-visit',
  'visit-cancelled',
  'resolved',
  'awaiting-repair',
  'repair-scheduled',
  'under-repair',
  'awaiting-parts',
  'parts-arrived',
  'repaired',
  'repair-cancelled',
  // a warranty replacement approved instead of the repair; the old appliance then retired
  'being-replaced',
  'retired',
] as const;
export type ApplianceStatus = (typeof APPLIANCE_STATUSES)[number];

/**
 * Lifecycle order of the event types: entries with the same time are ordered by it, so a cause
 * stamped in the same millisecond as its effect still comes first.
 */
const LIFECYCLE_ORDER = [
  'appliance.registered',
  'installation.requested',
  'work-order.bumped',
  'work-order.assigned',
  'work-order.rescheduled',
  'work-order.unassignable',
  'installation.scheduled',
  'work-order.accepted',
  'work-order.declined',
  'work-order.en-route',
  'installation.started',
  'installation.failed',
  'installation.rescheduled',
  'work-order.released',
  'installation.completed',
  'work-order.cancelled',
  'installation.cancelled',
  'problem.reported',
  'diagnosis.guidance-sent',
  'diagnosis.visit-requested',
  'diagnosis.completed',
  'diagnosis.visit-cancelled',
  'repair.ticket-opened',
  'repair.declined',
  'repair.accepted',
  'repair.en-route',
  'repair.started',
  'repair.awaiting-parts',
  'repair.parts-arrived',
  'repair.sla-at-risk',
  'repair.sla-breached',
  'repair.completed',
  'repair.cancelled',
  'repair.replacement-proposed',
  'repair.replacement-rejected',
  'repair.replacement-approved',
  'appliance.retired',
  'customer.feedback-given',
  'notification.sent',
  'notification.failed',
  'notification.undeliverable',
];
const rank = (type: string): number => {
  const position = LIFECYCLE_ORDER.indexOf(type);
  return position < 0 ? LIFECYCLE_ORDER.length : position;
};

/** Event time first, lifecycle order for ties, then the id so that the order is stable. */
export function compareEntries(left: TimelineEntry, right: TimelineEntry): number {
  return left.time.localeCompare(right.time) || rank(left.type) - rank(right.type) || left.id.localeCompare(right.id);
}

/**
 * The timeline order: each Kafka partition's entries keep their publication order (two events written
 * together may carry clock times a millisecond apart in either order), and the partitions are merged
 * by event time, as a k-way merge that always takes the earliest head.
 */
export function orderTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const streams = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const key = entry.position?.stream ?? `entry:${entry.id}`;
    streams.set(key, [...(streams.get(key) ?? []), entry]);
  }
  const queues = [...streams.values()].map((stream) =>
    stream.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0) || compareEntries(a, b)),
  );
  const ordered: TimelineEntry[] = [];
  while (ordered.length < entries.length) {
    let pick = -1;
    queues.forEach((queue, index) => {
      if (queue.length && (pick < 0 || compareEntries(queue[0], queues[pick][0]) < 0)) pick = index;
    });
    ordered.push(queues[pick].shift() as TimelineEntry);
  }
  return ordered;
}

type Step = (entry: TimelineEntry, current: ApplianceStatus | undefined) => ApplianceStatus | undefined;

const unchanged: Step = (_entry, current) => current;

/**
 * How each event moves the appliance; events absent here (notifications, SLA, work orders) leave it:
 * an appointment moved or cancelled shows in the summary's appointment, and the job's own event
 * (installation.cancelled, diagnosis.visit-cancelled, repair.cancelled) moves the status.
 */
const steps: Record<string, Step> = {
  'appliance.registered': (e) => (e.outcome === 'installation-required' ? 'awaiting-installation' : 'registered'),
  'installation.requested': () => 'awaiting-installation',
  'installation.rescheduled': () => 'awaiting-installation',
  'installation.scheduled': () => 'installation-scheduled',
  'installation.started': () => 'installing',
  'installation.failed': () => 'installation-failed',
  'installation.completed': () => 'installed',
  'installation.cancelled': () => 'installation-cancelled',
  'problem.reported': () => 'under-diagnosis',
  'diagnosis.guidance-sent': () => 'awaiting-customer',
  'diagnosis.visit-requested': () => 'awaiting-diagnostic-visit',
  'diagnosis.completed': (e) => (e.outcome === 'repair-required' ? 'awaiting-repair' : 'resolved'),
  'diagnosis.visit-cancelled': () => 'visit-cancelled',
  'repair.ticket-opened': () => 'awaiting-repair',
  'repair.declined': () => 'awaiting-repair',
  'repair.accepted': () => 'repair-scheduled',
  'repair.en-route': () => 'repair-scheduled',
  'repair.started': () => 'under-repair',
  'repair.awaiting-parts': () => 'awaiting-parts',
  // back in scheduling: the return visit is being booked
  'repair.parts-arrived': () => 'parts-arrived',
  'repair.completed': () => 'repaired',
  'repair.cancelled': () => 'repair-cancelled',
  'repair.replacement-approved': () => 'being-replaced',
  'appliance.retired': () => 'retired',
};

/** The job moved past its visit (started, done, given up): no appointment is awaited any more. */
const ENDS_VISIT = new Set([
  'installation.started',
  'installation.completed',
  'installation.failed',
  'installation.rescheduled',
  'installation.cancelled',
  'diagnosis.completed',
  'diagnosis.visit-cancelled',
  'repair.started',
  'repair.awaiting-parts',
  'repair.completed',
  'repair.cancelled',
  'repair.replacement-approved',
]);
/** The booking itself is gone (cancelled, bumped, waiting for a technician): a new booking may follow. */
const UNBOOKS = new Set(['work-order.cancelled', 'work-order.bumped', 'work-order.unassignable']);

/** The appointment after an entry: set by a booking, dropped when the visit is over or unbooked. */
function nextAppointment(entry: TimelineEntry, current: Appointment | undefined): Appointment | undefined {
  if (entry.appointment) return entry.appointment;
  if (!current || ENDS_VISIT.has(entry.type)) return undefined;
  return UNBOOKS.has(entry.type) && entry.workOrderId === current.workOrderId ? undefined : current;
}

/** An appliance's current status, folded from its timeline. */
export const applianceSummarySchema = z.object({
  applianceId: z.string(),
  customerId: z.string().optional(),
  status: z.enum(APPLIANCE_STATUSES),
  statusSince: z.string().describe('time of the event that set the status'),
  lastEventAt: z.string(),
  appliance: applianceDescriptionSchema.optional(),
  appointment: appointmentSchema.omit({ workOrderId: true }).optional().describe('the visit booked next, if any'),
});
export type ApplianceSummary = z.infer<typeof applianceSummarySchema>;

/** The appliance's current status: the entries folded in timeline order. Undefined when nothing moved it. */
export function projectAppliance(entries: readonly TimelineEntry[]): ApplianceSummary | undefined {
  const ordered = orderTimeline(entries);
  let status: ApplianceStatus | undefined;
  let statusSince = '';
  let appointment: Appointment | undefined;
  for (const entry of ordered) {
    const next = (steps[entry.type] ?? unchanged)(entry, status);
    if (next !== status) {
      status = next;
      statusSince = entry.time;
    }
    appointment = nextAppointment(entry, appointment);
  }
  if (!status || ordered.length === 0) return undefined;
  const purchase = ordered.find((e) => e.appliance);
  return {
    applianceId: ordered[0].applianceId,
    customerId: purchase?.customerId ?? ordered.find((e) => e.customerId)?.customerId,
    status,
    statusSince,
    lastEventAt: ordered[ordered.length - 1].time,
    ...(purchase?.appliance ? { appliance: purchase.appliance } : {}),
    ...(appointment ? { appointment: withoutOrderId(appointment) } : {}),
  };
}

const withoutOrderId = ({ workOrderId: _id, ...visit }: Appointment) => visit;

/** Groups a customer's entries by appliance and projects each, newest activity first. */
export function projectAppliances(entries: readonly TimelineEntry[]): ApplianceSummary[] {
  const byAppliance = new Map<string, TimelineEntry[]>();
  for (const entry of entries)
    byAppliance.set(entry.applianceId, [...(byAppliance.get(entry.applianceId) ?? []), entry]);
  return [...byAppliance.values()]
    .flatMap((group) => projectAppliance(group) ?? [])
    .sort((a, b) => b.lastEventAt.localeCompare(a.lastEventAt) || a.applianceId.localeCompare(b.applianceId));
}
