import { createEvent, EventRegistry } from '@appliance-care/contracts';

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

  it('consumes every registered appliance event except the inbound ones', () => {
    const types = timelineEventTypes();
    const appliance = Object.keys(EventRegistry).filter((t) => !/^(sales|device|customer|technician)\./.test(t));
    expect([...types].sort()).toEqual([...appliance].sort());
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
