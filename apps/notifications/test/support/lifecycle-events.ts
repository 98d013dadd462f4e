import { EventData } from '@appliance-care/contracts';

import { ev } from './events';

/** Builders of the lifecycle events of issue 17 and the bookings and completions that carry links (data as the contracts say). */

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
export const windowIn = (hours: number) => ({ from: hoursFromNow(hours), to: hoursFromNow(hours + 2) });

type Kind = EventData<'work-order.assigned.v1'>['kind'];

export interface Booking {
  workOrderId: string;
  kind: Kind;
  applianceId: string;
  customerId: string;
  technicianId: string;
  window?: { from: string; to: string };
}

const ref = (b: Booking) => ({
  workOrderId: b.workOrderId,
  kind: b.kind,
  sourceId: `SRC-${b.workOrderId}`,
  applianceId: b.applianceId,
  customerId: b.customerId,
});
const booked = (b: Booking) => ({ ...ref(b), technicianId: b.technicianId, window: b.window ?? windowIn(48) });

export const workOrderAssigned = (b: Booking, over: Partial<EventData<'work-order.assigned.v1'>> = {}) =>
  ev(
    'work-order.assigned.v1',
    { ...booked(b), technicianName: `Tech ${b.technicianId}`, reason: 'best match', ...over },
    b.applianceId,
  );

export const workOrderReleased = (b: Booking, reason: EventData<'work-order.released.v1'>['reason']) =>
  ev('work-order.released.v1', { ...booked(b), reason, releasedAt: new Date().toISOString() }, b.applianceId);

export const workOrderEnRoute = (b: Booking) =>
  ev('work-order.en-route.v1', { ...booked(b), eta: hoursFromNow(1), at: new Date().toISOString() }, b.applianceId);

export const workOrderRescheduled = (b: Booking, previous: { technicianId: string; window: Booking['window'] }) =>
  ev(
    'work-order.rescheduled.v1',
    {
      ...booked(b),
      previousTechnicianId: previous.technicianId,
      previousWindow: previous.window ?? windowIn(24),
      rescheduledBy: 'customer',
      via: 'link',
      rescheduledAt: new Date().toISOString(),
    },
    b.applianceId,
  );

export const workOrderCancelled = (b: Booking, wasBooked = true) =>
  ev(
    'work-order.cancelled.v1',
    {
      ...ref(b),
      ...(wasBooked ? { technicianId: b.technicianId, window: b.window ?? windowIn(48) } : {}),
      cancelledBy: 'customer',
      via: 'link',
      reason: 'we are moving house',
      cancelledAt: new Date().toISOString(),
    },
    b.applianceId,
  );

export const workOrderBumped = (b: Booking) =>
  ev(
    'work-order.bumped.v1',
    { ...booked(b), bumpedByWorkOrderId: 'WO-emergency', bumpedAt: new Date().toISOString() },
    b.applianceId,
  );

const installationRef = (b: Booking) => ({
  installationId: `I-${b.applianceId}`,
  applianceId: b.applianceId,
  customerId: b.customerId,
});

export const installationScheduled = (b: Booking) =>
  ev(
    'installation.scheduled.v1',
    {
      ...installationRef(b),
      workOrderId: b.workOrderId,
      technicianId: b.technicianId,
      technicianName: `Tech ${b.technicianId}`,
      window: b.window ?? windowIn(48),
      attempt: 1,
    },
    b.applianceId,
  );

export const installationCompleted = (b: Booking) =>
  ev(
    'installation.completed.v1',
    {
      ...installationRef(b),
      technicianId: b.technicianId,
      completedAt: new Date().toISOString(),
      checklist: [{ item: 'water connected', done: true }],
      customerTrained: true,
    },
    b.applianceId,
  );

export const installationFailed = (b: Booking) =>
  ev(
    'installation.failed.v1',
    {
      ...installationRef(b),
      technicianId: b.technicianId,
      workOrderId: b.workOrderId,
      reason: 'the water connection is missing',
      failedAt: new Date().toISOString(),
    },
    b.applianceId,
  );

export const installationRescheduled = (b: Booking) =>
  ev(
    'installation.rescheduled.v1',
    {
      ...installationRef(b),
      workOrderId: b.workOrderId,
      technicianId: b.technicianId,
      reason: 'the technician is ill',
      rescheduledAt: new Date().toISOString(),
    },
    b.applianceId,
  );

export const installationCancelled = (b: Booking) =>
  ev(
    'installation.cancelled.v1',
    {
      ...installationRef(b),
      workOrderId: b.workOrderId,
      technicianId: b.technicianId,
      cancelledBy: 'customer',
      reason: 'we are moving house',
      cancelledAt: new Date().toISOString(),
    },
    b.applianceId,
  );

export const diagnosisVisitCancelled = (b: Booking) =>
  ev(
    'diagnosis.visit-cancelled.v1',
    {
      caseId: `K-${b.applianceId}`,
      applianceId: b.applianceId,
      customerId: b.customerId,
      workOrderId: b.workOrderId,
      technicianId: b.technicianId,
      cancelledBy: 'customer',
      reason: 'it works again',
      cancelledAt: new Date().toISOString(),
    },
    b.applianceId,
  );

const ticketRef = (b: Booking) => ({
  ticketId: `R-${b.applianceId}`,
  applianceId: b.applianceId,
  customerId: b.customerId,
});

export const repairPartsArrived = (b: Booking) =>
  ev(
    'repair.parts-arrived.v1',
    {
      ...ticketRef(b),
      at: new Date().toISOString(),
      arrivedVia: 'warehouse',
      parts: [{ sku: 'PUMP-1', name: 'drain pump', quantity: 1 }],
      previousTechnicianId: b.technicianId,
      requiredSkill: 'appliance-general',
      region: 'london',
      priority: 'normal',
      durationMinutes: 60,
      slaDueAt: hoursFromNow(72),
      slaResumed: true,
    },
    b.applianceId,
  );

export const repairCompleted = (b: Booking) =>
  ev(
    'repair.completed.v1',
    {
      ...ticketRef(b),
      technicianId: b.technicianId,
      at: new Date().toISOString(),
      workDone: 'replaced the drain pump',
      partsUsed: [{ sku: 'PUMP-1', name: 'drain pump', quantity: 1 }],
      labourMinutes: 45,
      signedOffBy: 'customer',
      firstTimeFix: true,
    },
    b.applianceId,
  );

export const diagnosisCompleted = (
  b: Booking,
  outcome: EventData<'diagnosis.completed.v1'>['outcome'],
  visited = true,
) =>
  ev(
    'diagnosis.completed.v1',
    {
      caseId: `K-${b.applianceId}`,
      applianceId: b.applianceId,
      customerId: b.customerId,
      ...(visited ? { technicianId: b.technicianId } : {}),
      outcome,
      category: 'washing-machine',
      faults: [],
      parts: [],
      severity: 'medium',
      reportedAt: new Date().toISOString(),
      warranty: { status: 'in-warranty', endsAt: '2028-11-28T10:15:00Z' },
      completedAt: new Date().toISOString(),
    },
    b.applianceId,
  );
