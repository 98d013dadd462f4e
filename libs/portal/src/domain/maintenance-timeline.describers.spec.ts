import { createEvent } from '@appliance-care/contracts';

import { toTimelineEntry } from './timeline-event.mapper';

const ref = { applianceId: 'A-1', customerId: 'C-1', planId: 'boiler-annual-gas-safety', planName: 'Gas service' };

describe('planned maintenance on the timeline', () => {
  it('tells the customer what was done, by whom, and when the next visit is due', () => {
    const event = createEvent({
      type: 'maintenance.completed.v1',
      source: '/test',
      data: {
        ...ref,
        cycle: 1,
        workOrderId: 'WO-maintenance-A-1-1',
        technicianId: 'T-1',
        completedAt: '2027-02-20T10:00:00.000Z',
        checklist: [
          { item: 'flue-gas-analysis', ok: true },
          { item: 'co-alarm-checked', ok: false, note: 'no alarm fitted' },
        ],
        nextDueAt: '2028-02-20T10:00:00.000Z',
      },
    });
    expect(toTimelineEntry(event)).toMatchObject({
      type: 'maintenance.completed',
      customerId: 'C-1',
      actor: { kind: 'technician', id: 'T-1' },
      summary: 'Gas service completed (1/2 checks ok); next visit due 2028-02-20',
      outcome: 'issues-found',
    });
  });

  it('shows an overdue cycle and a maintenance appointment in the customer’s words', () => {
    const overdue = createEvent({
      type: 'maintenance.overdue.v1',
      source: '/test',
      data: { ...ref, cycle: 1, dueAt: '2027-03-01T09:00:00.000Z', region: 'leeds', overdueAt: '2027-03-02T00:00:00Z' },
    });
    expect(toTimelineEntry(overdue)).toMatchObject({ summary: 'Gas service overdue (was due 2027-03-01)' });
    const cancelled = createEvent({
      type: 'work-order.cancelled.v1',
      source: '/test',
      data: {
        workOrderId: 'WO-maintenance-A-1-1',
        kind: 'maintenance',
        sourceId: 'A-1',
        applianceId: 'A-1',
        customerId: 'C-1',
        window: { from: '2027-02-20T09:00:00.000Z', to: '2027-02-20T10:30:00.000Z' },
        cancelledBy: 'customer',
        via: 'link',
        reason: 'away',
        cancelledAt: '2027-02-10T09:00:00.000Z',
      },
    });
    expect(toTimelineEntry(cancelled)?.summary).toMatch(/^Maintenance visit appointment on 2027-02-20 09:00 cancelled/);
  });
});
