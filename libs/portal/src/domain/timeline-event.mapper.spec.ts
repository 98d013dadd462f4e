import { consumedTypes, createEvent, EventData, EventRegistry, EventType } from '@appliance-care/contracts';

import { libraryTimelineEventTypes } from './library-item-timeline';
import { arrivalOf, timelineEventTypes, toTimelineEntry } from './timeline-event.mapper';

describe('timeline event mapper', () => {
  it('names who acted and summarises the event, keyed by the event id', () => {
    const event = createEvent({
      type: 'installation.completed.v1',
      source: '/test',
      id: 'evt-1',
      time: '2026-01-10T10:00:00.000Z',
      data: {
        installationId: 'I-1',
        applianceId: 'A-1',
        customerId: 'C-1',
        technicianId: 'T-1',
        completedAt: '2026-01-10T10:00:00Z',
        checklist: [{ item: 'level', done: true }],
        customerTrained: true,
      },
    });
    expect(toTimelineEntry(event)).toEqual({
      id: 'evt-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      type: 'installation.completed',
      eventType: 'installation.completed.v1',
      time: '2026-01-10T10:00:00.000Z',
      actor: { kind: 'technician', id: 'T-1' },
      summary: expect.stringContaining('Installation completed'),
    });
  });

  it('attributes a device fault to the system and a customer report to the customer', () => {
    const base = {
      caseId: 'K-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      category: 'boiler',
      reportedAt: '2026-01-10T10:00:00Z',
      warranty: { status: 'in-warranty' as const, endsAt: '2027-01-01T00:00:00Z' },
    };
    const device = toTimelineEntry(
      createEvent({
        type: 'problem.reported.v1',
        source: '/t',
        data: { ...base, source: 'device', errorCode: 'E-GAS' },
      }),
    );
    const customer = toTimelineEntry(
      createEvent({
        type: 'problem.reported.v1',
        source: '/t',
        data: { ...base, source: 'customer', symptoms: 'no heat' },
      }),
    );
    expect(device?.actor.kind).toBe('system');
    expect(device?.summary).toContain('E-GAS');
    expect(customer?.actor).toEqual({ kind: 'customer', id: 'C-1' });
  });

  it('links a notification to the customer only when the customer is the recipient', () => {
    const data = {
      notificationId: 'N-1',
      recipientId: 'T-1',
      recipientKind: 'technician' as const,
      channel: 'email' as const,
      template: 'job-assigned',
      sourceEventId: 'e',
      sourceEventType: 'work-order.assigned.v1',
      applianceId: 'A-1',
      sentAt: '2026-01-10T10:00:00Z',
    };
    expect(
      toTimelineEntry(createEvent({ type: 'notification.sent.v1', source: '/t', data }))?.customerId,
    ).toBeUndefined();
    expect(
      toTimelineEntry(
        createEvent({
          type: 'notification.sent.v1',
          source: '/t',
          data: { ...data, recipientId: 'C-1', recipientKind: 'customer' },
        }),
      )?.customerId,
    ).toBe('C-1');
    expect(
      toTimelineEntry(
        createEvent({ type: 'notification.sent.v1', source: '/t', data: { ...data, applianceId: undefined } }),
      ),
    ).toBeUndefined();
  });

  it('consumes every registered appliance event except the inbound ones and the people registrations', () => {
    const types = timelineEventTypes();
    const appliance = Object.keys(EventRegistry).filter(
      (t) => !/^(sales|device|parts|technician|library|queue-item)\./.test(t) && t !== 'customer.registered.v1',
    );
    expect([...types].sort()).toEqual([...appliance].sort());
    // the portal consumes them and the library items' events (library-item-timeline.ts)
    expect([...types, ...libraryTimelineEventTypes()].sort()).toEqual(consumedTypes('portal'));
  });

  it('describes appointments in words for the customer, keeping staff free text out', () => {
    const order = { workOrderId: 'W-1', kind: 'diagnostic-visit' as const, sourceId: 'K-1', applianceId: 'A-1' };
    const window = { from: '2026-03-02T09:00:00Z', to: '2026-03-02T11:00:00Z' };
    const describe = <T extends EventType>(type: T, data: EventData<T>) =>
      toTimelineEntry(createEvent({ type, source: '/t', data }));
    const moved = describe('work-order.rescheduled.v1', {
      ...order,
      customerId: 'C-1',
      technicianId: 'T-2',
      window,
      previousTechnicianId: 'T-1',
      previousWindow: { from: '2026-03-01T09:00:00Z', to: '2026-03-01T11:00:00Z' },
      rescheduledBy: 'customer',
      via: 'link',
      rescheduledAt: '2026-02-20T10:00:00Z',
    });
    expect(moved).toMatchObject({
      actor: { kind: 'customer', id: 'C-1' },
      summary: 'Diagnostic visit appointment moved from 2026-03-01 09:00 to 2026-03-02 09:00 by the customer',
      workOrderId: 'W-1',
    });
    const cancel = (cancelledBy: 'customer' | 'dispatcher') =>
      describe('work-order.cancelled.v1', {
        ...order,
        customerId: 'C-1',
        window,
        cancelledBy,
        via: 'api',
        reason: 'moving house',
        cancelledAt: '2026-02-21T10:00:00Z',
      });
    expect(cancel('customer')?.summary).toBe(
      'Diagnostic visit appointment on 2026-03-02 09:00 cancelled by the customer: moving house',
    );
    expect(cancel('dispatcher')).toMatchObject({
      actor: { kind: 'system' },
      summary: expect.not.stringContaining('moving'),
    });
    const declined = describe('work-order.declined.v1', {
      ...order,
      technicianId: 'T-2',
      window,
      reason: 'flu',
      declinedAt: window.from,
    });
    expect(declined?.summary).not.toContain('flu');
    const booked = describe('work-order.assigned.v1', {
      ...order,
      technicianId: 'T-2',
      technicianName: 'Ann',
      window,
      reason: 'nearest',
    });
    expect(booked?.appointment).toEqual({
      workOrderId: 'W-1',
      kind: 'diagnostic-visit',
      ...window,
      technicianName: 'Ann',
    });
  });

  it("describes a customer's feedback, parts arriving and a cancelled job", () => {
    const feedback = toTimelineEntry(
      createEvent({
        type: 'customer.feedback-given.v1',
        source: '/t',
        data: {
          feedbackId: 'FB-1',
          workOrderId: 'W-1',
          kind: 'repair',
          sourceId: 'R-1',
          applianceId: 'A-1',
          customerId: 'C-1',
          technicianId: 'T-1',
          rating: 4,
          comment: 'tidy work',
          fixedFirstTime: true,
          givenAt: '2026-03-01T10:00:00Z',
        },
      }),
    );
    expect(feedback).toMatchObject({
      actor: { kind: 'customer', id: 'C-1' },
      customerId: 'C-1',
      summary: 'Feedback on the repair: 4/5, done the first time',
    });
    const parts = toTimelineEntry(
      createEvent({
        type: 'repair.parts-arrived.v1',
        source: '/t',
        data: {
          ticketId: 'R-1',
          applianceId: 'A-1',
          customerId: 'C-1',
          at: '2026-03-01T10:00:00Z',
          arrivedVia: 'warehouse',
          parts: [{ sku: 'P-1', name: 'drain pump', quantity: 1 }],
          requiredSkill: 'appliance-general',
          region: 'london',
          priority: 'normal',
          durationMinutes: 60,
          slaDueAt: '2026-03-03T10:00:00Z',
          slaResumed: true,
        },
      }),
    );
    expect(parts?.summary).toBe('Parts arrived: drain pump; the return visit is being booked');
    const cancelled = toTimelineEntry(
      createEvent({
        type: 'installation.cancelled.v1',
        source: '/t',
        data: {
          installationId: 'I-1',
          applianceId: 'A-1',
          customerId: 'C-1',
          cancelledBy: 'customer',
          reason: 'changed my mind',
          cancelledAt: '2026-03-01T10:00:00Z',
        },
      }),
    );
    expect(cancelled).toMatchObject({
      actor: { kind: 'customer', id: 'C-1' },
      summary: 'Installation cancelled by the customer: changed my mind',
    });
  });

  it('stamps arrivals with the logical topic and an increasing sequence, even within one millisecond', () => {
    const event = createEvent({
      type: 'repair.started.v1',
      source: '/t',
      data: { ticketId: 'R-1', applianceId: 'A-1', customerId: 'C-1', technicianId: 'T-1', at: '2026-01-10T10:00:00Z' },
    });
    const first = arrivalOf(event, 1_000);
    const second = arrivalOf(event, 1_000);
    expect(first?.topic).toBe('repairs.events.v1');
    expect(second!.sequence).toBeGreaterThan(first!.sequence);
    expect(toTimelineEntry(event, second)?.position).toEqual({ stream: 'repairs.events.v1', offset: second!.sequence });
  });
});
