import { createEvent, EventData, EventType } from '@appliance-care/contracts';

import { compareEntries, orderTimeline, projectAppliance, projectAppliances } from './appliance-status.projection';
import { TimelineEntry } from './timeline-entry';
import { toTimelineEntry } from './timeline-event.mapper';

const A = 'APP-1';
const C = 'C-1';
let clock = Date.parse('2026-01-10T09:00:00Z');
const at = (minutes = 1): string => new Date((clock += minutes * 60_000)).toISOString();

function entry<T extends EventType>(type: T, data: EventData<T>, time = at()): TimelineEntry {
  const e = toTimelineEntry(createEvent({ type, source: '/test', data, time }));
  if (!e) throw new Error(`no entry for ${type}`);
  return e;
}

const window = { from: '2026-01-12T09:00:00Z', to: '2026-01-12T11:00:00Z' };
const warranty = { status: 'in-warranty' as const, endsAt: '2028-01-10T00:00:00Z' };
const registered = (installationRequired: boolean, time?: string) =>
  entry(
    'appliance.registered.v1',
    {
      applianceId: A,
      serialNumber: 'SN-1',
      sku: 'OV-1',
      category: 'oven',
      customerId: C,
      orderId: 'O-1',
      purchasedAt: '2026-01-10T09:00:00Z',
      warrantyMonths: 24,
      warrantyEndsAt: warranty.endsAt,
      installationRequired,
    },
    time,
  );
const inst = { installationId: 'I-1', applianceId: A, customerId: C };
const caseRef = { caseId: 'K-1', applianceId: A, customerId: C };
const ticket = { ticketId: 'R-1', applianceId: A, customerId: C, technicianId: 'T-1' };
const completedDiagnosis = (outcome: 'resolved' | 'repair-required') =>
  entry('diagnosis.completed.v1', {
    ...caseRef,
    outcome,
    category: 'oven',
    faults: [],
    parts: [],
    severity: 'medium',
    reportedAt: at(0),
    warranty,
    completedAt: at(0),
  });

describe('appliance status projection', () => {
  it('follows an installation from purchase to installed', () => {
    const entries = [registered(true)];
    expect(projectAppliance(entries)?.status).toBe('awaiting-installation');
    entries.push(
      entry('installation.scheduled.v1', { ...inst, workOrderId: 'W-1', technicianId: 'T-1', window, attempt: 1 }),
    );
    expect(projectAppliance(entries)?.status).toBe('installation-scheduled');
    entries.push(entry('installation.started.v1', { ...inst, technicianId: 'T-1', startedAt: at(0) }));
    expect(projectAppliance(entries)?.status).toBe('installing');
    const done = entry('installation.completed.v1', {
      ...inst,
      technicianId: 'T-1',
      completedAt: at(0),
      checklist: [{ item: 'level', done: true }],
      customerTrained: true,
    });
    entries.push(done);
    const summary = projectAppliance(entries);
    expect(summary).toMatchObject({
      applianceId: A,
      customerId: C,
      status: 'installed',
      statusSince: done.time,
      appliance: { serialNumber: 'SN-1' },
    });
  });

  it('is registered when no installation is needed, and resolved after a guidance fix', () => {
    const entries = [registered(false)];
    expect(projectAppliance(entries)?.status).toBe('registered');
    entries.push(
      entry('problem.reported.v1', { ...caseRef, category: 'oven', source: 'customer', reportedAt: at(0), warranty }),
    );
    expect(projectAppliance(entries)?.status).toBe('under-diagnosis');
    entries.push(
      entry('diagnosis.guidance-sent.v1', {
        ...caseRef,
        fault: { component: 'door', description: 'seal' },
        steps: ['clean the seal'],
      }),
    );
    expect(projectAppliance(entries)?.status).toBe('awaiting-customer');
    entries.push(completedDiagnosis('resolved'));
    expect(projectAppliance(entries)?.status).toBe('resolved');
  });

  it('goes through awaiting-repair to repaired, and a decline puts it back to awaiting-repair', () => {
    const entries = [registered(false), completedDiagnosis('repair-required')];
    expect(projectAppliance(entries)?.status).toBe('awaiting-repair');
    entries.push(entry('repair.accepted.v1', { ...ticket, at: at(0) }));
    expect(projectAppliance(entries)?.status).toBe('repair-scheduled');
    entries.push(entry('repair.declined.v1', { ...ticket, at: at(0), reason: 'sick' }));
    expect(projectAppliance(entries)?.status).toBe('awaiting-repair');
    entries.push(entry('repair.started.v1', { ...ticket, at: at(0) }));
    expect(projectAppliance(entries)?.status).toBe('under-repair');
    entries.push(
      entry('repair.completed.v1', {
        ...ticket,
        at: at(0),
        workDone: 'new igniter',
        partsUsed: [],
        labourMinutes: 30,
        signedOffBy: 'Ann',
        firstTimeFix: true,
      }),
    );
    expect(projectAppliance(entries)?.status).toBe('repaired');
  });

  it('orders by event time whatever the arrival order, and lets notifications leave the status alone', () => {
    const purchase = registered(true, '2026-02-01T10:00:00.000Z');
    const scheduled = entry(
      'installation.scheduled.v1',
      { ...inst, workOrderId: 'W-1', technicianId: 'T-1', window, attempt: 1 },
      '2026-02-01T10:00:05.000Z',
    );
    const mail = entry(
      'notification.sent.v1',
      {
        notificationId: 'N-1',
        recipientId: C,
        recipientKind: 'customer',
        channel: 'email',
        template: 'installation-scheduled',
        sourceEventId: scheduled.id,
        sourceEventType: 'installation.scheduled.v1',
        applianceId: A,
        sentAt: '2026-02-01T10:00:09.000Z',
      },
      '2026-02-01T10:00:09.000Z',
    );
    const summary = projectAppliance([mail, scheduled, purchase]);
    expect(summary?.status).toBe('installation-scheduled');
    expect(summary?.lastEventAt).toBe(mail.time);
    expect([mail, scheduled, purchase].sort(compareEntries).map((e) => e.type)).toEqual([
      'appliance.registered',
      'installation.scheduled',
      'notification.sent',
    ]);
  });

  it('puts a cause before its effect when both carry the same time', () => {
    const t = '2026-03-01T08:00:00.000Z';
    const opened = entry(
      'repair.ticket-opened.v1',
      {
        ticketId: 'R-1',
        applianceId: A,
        customerId: C,
        caseId: 'K-1',
        category: 'oven',
        requiredSkill: 'gas-safe',
        region: 'london',
        priority: 'urgent',
        severity: 'critical',
        slaDueAt: t,
        durationMinutes: 60,
        coverage: { status: 'covered', reason: 'in warranty' },
        faults: [],
        parts: [],
        openedAt: t,
      },
      t,
    );
    const diagnosed = entry(
      'diagnosis.completed.v1',
      {
        ...caseRef,
        outcome: 'repair-required',
        category: 'oven',
        faults: [],
        parts: [],
        severity: 'critical',
        reportedAt: t,
        warranty,
        completedAt: t,
      },
      t,
    );
    expect([opened, diagnosed].sort(compareEntries).map((e) => e.type)).toEqual([
      'diagnosis.completed',
      'repair.ticket-opened',
    ]);
  });

  it('keeps publication order within a partition even when the clocks say otherwise, and merges partitions by time', () => {
    const at = (stream: string, offset: number) => ({ position: { stream, offset } });
    const reported = {
      ...entry(
        'problem.reported.v1',
        { ...caseRef, category: 'oven', source: 'customer', reportedAt: '2026-05-01T10:00:00Z', warranty },
        '2026-05-01T10:00:00.002Z',
      ),
      ...at('diagnostics:1', 7),
    };
    const guidance = {
      ...entry(
        'diagnosis.guidance-sent.v1',
        { ...caseRef, fault: { component: 'door', description: 'seal' }, steps: ['clean'] },
        '2026-05-01T10:00:00.001Z',
      ),
      ...at('diagnostics:1', 8),
    };
    const mail = {
      ...entry(
        'notification.sent.v1',
        {
          notificationId: 'N-2',
          recipientId: C,
          recipientKind: 'customer',
          channel: 'email',
          template: 'problem-received',
          sourceEventId: reported.id,
          sourceEventType: 'problem.reported.v1',
          applianceId: A,
          sentAt: '2026-05-01T10:00:01Z',
        },
        '2026-05-01T10:00:01.000Z',
      ),
      ...at('notifications:4', 0),
    };
    const earlier = { ...registered(false, '2026-04-01T00:00:00.000Z'), ...at('sales-installation:1', 3) };
    expect(orderTimeline([mail, guidance, reported, earlier]).map((e) => e.type)).toEqual([
      'appliance.registered',
      'problem.reported',
      'diagnosis.guidance-sent',
      'notification.sent',
    ]);
    expect(projectAppliance([guidance, reported])?.status).toBe('awaiting-customer');
  });

  it("groups a customer's entries per appliance, most recent activity first", () => {
    const other = { ...registered(true, '2026-04-01T00:00:00.000Z'), id: 'e-other', applianceId: 'APP-2' };
    const list = projectAppliances([registered(false, '2026-01-01T00:00:00.000Z'), other]);
    expect(list.map((s) => [s.applianceId, s.status])).toEqual([
      ['APP-2', 'awaiting-installation'],
      [A, 'registered'],
    ]);
  });
  it('shows the booked appointment, moved with a new booking, gone when cancelled, and the job cancelled', () => {
    const order = { kind: 'installation' as const, sourceId: 'I-1', applianceId: A, customerId: C };
    const booking = (workOrderId: string, from: string, to: string) =>
      entry('work-order.assigned.v1', {
        ...order,
        workOrderId,
        technicianId: 'T-1',
        technicianName: 'Ann',
        window: { from, to },
        reason: 'nearest',
      });
    const entries = [registered(true), booking('W-1', window.from, window.to)];
    expect(projectAppliance(entries)?.appointment).toEqual({ kind: 'installation', ...window, technicianName: 'Ann' });
    const moved = { from: '2026-01-14T13:00:00Z', to: '2026-01-14T15:00:00Z' };
    entries.push(
      entry('work-order.rescheduled.v1', {
        ...order,
        workOrderId: 'W-1',
        technicianId: 'T-1',
        window: moved,
        previousTechnicianId: 'T-1',
        previousWindow: window,
        rescheduledBy: 'customer',
        via: 'link',
        rescheduledAt: at(0),
      }),
      booking('W-1', moved.from, moved.to),
    );
    expect(projectAppliance(entries)?.appointment).toMatchObject(moved);
    // another order's cancellation leaves this booking alone
    const cancel = (workOrderId: string) =>
      entry('work-order.cancelled.v1', {
        ...order,
        workOrderId,
        cancelledBy: 'customer',
        via: 'link',
        reason: 'not needed',
        cancelledAt: at(0),
      });
    expect(projectAppliance([...entries, cancel('W-other')])?.appointment).toMatchObject(moved);
    entries.push(cancel('W-1'));
    expect(projectAppliance(entries)?.appointment).toBeUndefined();
    entries.push(
      entry('installation.cancelled.v1', {
        ...inst,
        workOrderId: 'W-1',
        cancelledBy: 'customer',
        reason: 'not needed',
        cancelledAt: at(0),
      }),
    );
    expect(projectAppliance(entries)?.status).toBe('installation-cancelled');
  });

  it('goes from awaiting parts to parts arrived, and a diagnostic visit cancelled closes the case', () => {
    const entries = [registered(false), completedDiagnosis('repair-required')];
    entries.push(
      entry('repair.awaiting-parts.v1', {
        ...ticket,
        at: at(0),
        parts: [{ sku: 'P-1', name: 'pump', quantity: 1 }],
        expectedAt: at(0),
        slaPaused: true,
      }),
    );
    expect(projectAppliance(entries)?.status).toBe('awaiting-parts');
    entries.push(
      entry('repair.parts-arrived.v1', {
        ...ticket,
        at: at(0),
        arrivedVia: 'api',
        parts: [],
        requiredSkill: 'appliance-general',
        region: 'london',
        priority: 'normal',
        durationMinutes: 60,
        slaDueAt: at(0),
        slaResumed: true,
      }),
    );
    expect(projectAppliance(entries)?.status).toBe('parts-arrived');
    entries.push(entry('repair.accepted.v1', { ...ticket, at: at(0) }));
    expect(projectAppliance(entries)?.status).toBe('repair-scheduled');

    const visit = [
      registered(false),
      entry('diagnosis.visit-requested.v1', {
        ...caseRef,
        category: 'oven',
        requiredSkill: 'gas-safe',
        region: 'london',
        durationMinutes: 60,
        priority: 'normal',
        severity: 'medium',
        dueBy: at(0),
        suspectedFaults: [],
      }),
      entry('diagnosis.visit-cancelled.v1', {
        ...caseRef,
        cancelledBy: 'customer',
        reason: 'fixed it',
        cancelledAt: at(0),
      }),
    ];
    expect(projectAppliance(visit)?.status).toBe('visit-cancelled');
  });
});
