import { APPOINTMENT_EVENT_TYPES, appointmentOf, endingOf, supersedes } from './appointment-booking.policy';

const window = { from: '2026-12-01T08:00:00Z', to: '2026-12-01T10:00:00Z' };
const assigned = (kind: string) => ({
  workOrderId: 'WO-1',
  kind,
  sourceId: 'CASE-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  technicianId: 'T-1',
  technicianName: 'Grace',
  window,
  reason: 'best match',
});

describe('appointments', () => {
  it('are booked by installation.scheduled.v1 and by the assignment of a diagnostic visit or repair', () => {
    const installation = appointmentOf('installation.scheduled.v1', {
      installationId: 'INS-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      workOrderId: 'WO-9',
      technicianId: 'T-1',
      window,
      attempt: 1,
    });
    expect(installation).toMatchObject({ workOrderId: 'WO-9', sourceId: 'INS-1', kind: 'installation' });
    expect(installation?.details).toMatchObject({ kind: 'installation', window });
    expect(appointmentOf('work-order.assigned.v1', assigned('repair'))).toMatchObject({
      kind: 'repair',
      sourceId: 'CASE-1',
      technicianId: 'T-1',
      details: { technicianName: 'Grace' },
    });
    // an installation's customer is reminded through installation.scheduled.v1, not twice
    expect(appointmentOf('work-order.assigned.v1', assigned('installation'))).toBeUndefined();
    expect(appointmentOf('work-order.assigned.v1', { ...assigned('repair'), customerId: undefined })).toBeUndefined();
    expect(appointmentOf('repair.en-route.v1', assigned('repair'))).toBeUndefined();
  });

  it('are cancelled for good by the order’s or its job’s cancellation', () => {
    expect(endingOf('work-order.cancelled.v1', { workOrderId: 'WO-1' })).toMatchObject({
      by: { workOrderId: 'WO-1' },
      final: true,
    });
    expect(endingOf('installation.cancelled.v1', { installationId: 'INS-1' })).toMatchObject({
      by: { sourceId: 'INS-1' },
      final: true,
    });
    expect(endingOf('repair.cancelled.v1', { ticketId: 'RT-1' })?.by).toEqual({ sourceId: 'RT-1' });
    expect(endingOf('diagnosis.visit-cancelled.v1', { caseId: 'CASE-1' })?.by).toEqual({ sourceId: 'CASE-1' });
    const released = (reason: string) => ({ ...assigned('repair'), reason, releasedAt: window.from });
    expect(endingOf('work-order.released.v1', released('source-cancelled'))).toMatchObject({ final: true });
  });

  it('are done for good when the job completes, remembered like a cancellation', () => {
    expect(endingOf('installation.completed.v1', { installationId: 'INS-1', technicianId: 'T-1' })).toEqual({
      by: { sourceId: 'INS-1' },
      final: true,
      done: true,
      reason: 'the installation was completed',
    });
    expect(endingOf('repair.completed.v1', { ticketId: 'RT-1' })).toMatchObject({
      by: { sourceId: 'RT-1' },
      done: true,
    });
    expect(endingOf('diagnosis.completed.v1', { caseId: 'CASE-1' })).toMatchObject({
      by: { sourceId: 'CASE-1' },
      final: true,
      done: true,
    });
    expect(endingOf('repair.completed.v1', {})).toBeUndefined();
  });

  it('end a failed installation visit without remembering it: the installation is booked again', () => {
    expect(endingOf('installation.failed.v1', { installationId: 'INS-1', workOrderId: 'WO-9' })).toEqual({
      by: { workOrderId: 'WO-9' },
      final: false,
      reason: 'the installation visit failed',
    });
    expect(endingOf('installation.failed.v1', { installationId: 'INS-1' })).toMatchObject({
      by: { sourceId: 'INS-1' },
      final: false,
    });
  });

  it('end only the booking a release or bump names, which a new booking of the order may follow', () => {
    const released = { ...assigned('diagnostic-visit'), reason: 'reassigned', releasedAt: window.from };
    expect(endingOf('work-order.released.v1', released)).toEqual({
      by: { workOrderId: 'WO-1' },
      final: false,
      booking: { technicianId: 'T-1', from: window.from },
      reason: 'the booking was released (reassigned)',
    });
    expect(endingOf('work-order.bumped.v1', { ...assigned('repair'), bumpedByWorkOrderId: 'WO-2' })).toMatchObject({
      final: false,
      booking: { technicianId: 'T-1' },
    });
    expect(endingOf('installation.rescheduled.v1', { installationId: 'INS-1' })).toBeUndefined();
  });

  it('name every event type they listen to once', () => {
    expect(new Set(APPOINTMENT_EVENT_TYPES).size).toBe(APPOINTMENT_EVENT_TYPES.length);
    expect(APPOINTMENT_EVENT_TYPES).toContain('work-order.assigned.v1');
    expect(APPOINTMENT_EVENT_TYPES).toEqual(
      expect.arrayContaining(['installation.completed.v1', 'repair.completed.v1', 'diagnosis.completed.v1']),
    );
  });
});

describe('a newer booking of the same work order', () => {
  const held = {
    bookingEventId: 'e-1',
    bookedAt: '2026-11-20T10:00:00Z',
    technicianId: 'T-1',
    window,
    status: 'scheduled',
  };
  const later = { ...held, bookingEventId: 'e-2', bookedAt: '2026-11-21T10:00:00Z' };
  const moved = { ...later, window: { from: '2026-12-02T08:00:00Z', to: '2026-12-02T10:00:00Z' } };

  it('supersedes the held one when it is another visit, or when the held one ended', () => {
    expect(supersedes(held, moved)).toBe(true);
    expect(supersedes(held, { ...later, technicianId: 'T-2' })).toBe(true);
    expect(supersedes({ ...held, status: 'ended' }, later)).toBe(true);
    expect(supersedes({ ...held, status: 'handed-over' }, moved)).toBe(true);
  });

  it('changes nothing when redelivered, older, the same visit again, or after a cancellation or completion', () => {
    expect(supersedes(held, { ...held })).toBe(false);
    expect(supersedes(held, { ...moved, bookedAt: '2026-11-19T10:00:00Z' })).toBe(false);
    expect(supersedes({ ...held, status: 'handed-over' }, later)).toBe(false);
    expect(supersedes({ ...held, status: 'cancelled' }, moved)).toBe(false);
    expect(supersedes({ ...held, status: 'done' }, moved)).toBe(false);
  });
});
