import type { EventType } from '@appliance-care/contracts';

/** The kinds of visit a customer is reminded of (a work order's kind). */
export type AppointmentKind = 'installation' | 'diagnostic-visit' | 'repair' | 'maintenance';

/** The appointment a booking event announces: what, when, who — what a reminder is for. */
export interface Appointment {
  workOrderId: string;
  /** the installation, case or ticket the visit serves (the appliance, for a maintenance visit) */
  sourceId: string;
  kind: AppointmentKind;
  customerId: string;
  technicianId: string;
  window: { from: string; to: string };
  /** what the reminder's template shows (the booking's data with its kind) */
  details: Record<string, unknown>;
}

/** Which reminders an event ends: by work order or by the job the visit serves. */
export interface AppointmentEnding {
  by: { workOrderId: string } | { sourceId: string };
  /**
   * A cancelled order or job is never booked again, so the cancellation is remembered: a booking of
   * it arriving later (it travels on another topic) schedules nothing.
   */
  final: boolean;
  /** the job is done (completed before its visit, or its visit happened early): remembered like a cancellation */
  done?: true;
  /** only the booking of this technician at this start: a release names the booking it took away */
  booking?: { technicianId: string; from: string };
  reason: string;
}

type Data = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function appointment(data: Data, kind: AppointmentKind, sourceId: string | undefined): Appointment | undefined {
  const workOrderId = text(data['workOrderId']);
  const customerId = text(data['customerId']);
  const technicianId = text(data['technicianId']);
  const window = data['window'] as { from?: unknown; to?: unknown } | undefined;
  const from = text(window?.from);
  const to = text(window?.to);
  if (!workOrderId || !sourceId || !customerId || !technicianId || !from || !to) return undefined;
  return { workOrderId, sourceId, kind, customerId, technicianId, window: { from, to }, details: { ...data, kind } };
}

const cancelled =
  (field: string, by: 'workOrderId' | 'sourceId', reason: string) =>
  (data: Data): AppointmentEnding | undefined => {
    const id = text(data[field]);
    if (!id) return undefined;
    return { by: by === 'workOrderId' ? { workOrderId: id } : { sourceId: id }, final: true, reason };
  };

/** The job is done: nothing left to visit for, and (like a cancellation) never booked again. */
const done =
  (field: string, reason: string) =>
  (data: Data): AppointmentEnding | undefined => {
    const id = text(data[field]);
    return id ? { by: { sourceId: id }, final: true, done: true, reason } : undefined;
  };

/** The booking an event names has ended (released, bumped): a later booking of the order supersedes it anyway. */
function bookingEnded(data: Data, reason: string): AppointmentEnding | undefined {
  const workOrderId = text(data['workOrderId']);
  const technicianId = text(data['technicianId']);
  const from = text((data['window'] as Data | undefined)?.['from']);
  if (!workOrderId || !technicianId || !from) return undefined;
  return { by: { workOrderId }, final: false, booking: { technicianId, from }, reason };
}

/** Which events book an appointment. */
const BOOKINGS: Partial<Record<EventType, (data: Data) => Appointment | undefined>> = {
  'installation.scheduled.v1': (d) => appointment(d, 'installation', text(d['installationId'])),
  // an installation's booking reaches the customer as installation.scheduled.v1 (sales-installation)
  'work-order.assigned.v1': (d) =>
    d['kind'] === 'diagnostic-visit' || d['kind'] === 'repair' || d['kind'] === 'maintenance'
      ? appointment(d, d['kind'], text(d['sourceId']))
      : undefined,
};

/** Which events end an appointment's reminders, and how. */
const ENDINGS: Partial<Record<EventType, (data: Data) => AppointmentEnding | undefined>> = {
  'work-order.cancelled.v1': cancelled('workOrderId', 'workOrderId', 'the appointment was cancelled'),
  'installation.cancelled.v1': cancelled('installationId', 'sourceId', 'the installation was cancelled'),
  'diagnosis.visit-cancelled.v1': cancelled('caseId', 'sourceId', 'the diagnostic visit was cancelled'),
  'repair.cancelled.v1': cancelled('ticketId', 'sourceId', 'the repair was cancelled'),
  'work-order.released.v1': (d) =>
    d['reason'] === 'source-cancelled'
      ? cancelled('workOrderId', 'workOrderId', 'the job the visit served was cancelled')(d)
      : bookingEnded(d, `the booking was released (${String(d['reason'])})`),
  'work-order.bumped.v1': (d) => bookingEnded(d, 'an urgent order took the slot'),
  'installation.completed.v1': done('installationId', 'the installation was completed'),
  'repair.completed.v1': done('ticketId', 'the repair was completed'),
  'diagnosis.completed.v1': done('caseId', 'the diagnosis was completed'),
  // by work order: the appliance (the source) is visited again next cycle, under a new work order
  'maintenance.completed.v1': (d) => {
    const workOrderId = text(d['workOrderId']);
    return workOrderId
      ? { by: { workOrderId }, final: true, done: true, reason: 'the maintenance visit was completed' }
      : undefined;
  },
  // a failed visit sends the installation back to requested: it is booked again, so not remembered
  'installation.failed.v1': (d) => {
    const workOrderId = text(d['workOrderId']);
    const installationId = text(d['installationId']);
    const by = workOrderId ? { workOrderId } : installationId ? { sourceId: installationId } : undefined;
    return by ? { by, final: false, reason: 'the installation visit failed' } : undefined;
  },
  // the visit is given up; the installation is booked again as a new work order
  'installation.rescheduled.v1': (d) => {
    const workOrderId = text(d['workOrderId']);
    return workOrderId
      ? { by: { workOrderId }, final: false, reason: 'the installation visit is rebooked' }
      : undefined;
  },
};

/** Every event type that books or ends an appointment: what the reminders listen to. */
export const APPOINTMENT_EVENT_TYPES = [...Object.keys(BOOKINGS), ...Object.keys(ENDINGS)] as EventType[];

/** The appointment this event books, or undefined (another event, or a kind nobody is reminded of). */
export const appointmentOf = (type: string, data: unknown): Appointment | undefined =>
  BOOKINGS[type as EventType]?.((data ?? {}) as Data);

/** The reminders this event ends, or undefined. */
export const endingOf = (type: string, data: unknown): AppointmentEnding | undefined =>
  ENDINGS[type as EventType]?.((data ?? {}) as Data);

/** Whether two bookings are the same visit: same technician, same window (a redelivery, a repeated booking). */
export const sameVisit = (
  a: Pick<Appointment, 'technicianId' | 'window'>,
  b: Pick<Appointment, 'technicianId' | 'window'>,
): boolean => a.technicianId === b.technicianId && a.window.from === b.window.from && a.window.to === b.window.to;

/** The booking a reminder holds, as far as superseding it goes. */
export interface HeldBooking extends Pick<Appointment, 'technicianId' | 'window'> {
  bookingEventId: string;
  /** the booking event's time */
  bookedAt: string;
  status: string;
}

/**
 * Whether a booking replaces the one a reminder holds: a newer booking (by its event's time) of
 * another visit — another window or technician — or any newer one once the held booking ended. A
 * redelivery, an older booking (a replay, or lag on another topic), the same visit booked again or a
 * cancelled or done reminder change nothing.
 */
export function supersedes(held: HeldBooking, incoming: Omit<HeldBooking, 'status'>): boolean {
  if (incoming.bookingEventId === held.bookingEventId || held.status === 'cancelled' || held.status === 'done')
    return false;
  if (Date.parse(incoming.bookedAt) < Date.parse(held.bookedAt)) return false;
  return held.status === 'ended' || !sameVisit(held, incoming);
}
