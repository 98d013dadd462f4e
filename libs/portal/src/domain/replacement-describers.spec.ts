import { createEvent } from '@appliance-care/contracts';

import { projectAppliance } from './appliance-status.projection';
import { toTimelineEntry } from './timeline-event.mapper';

const link = (applianceId: string, serialNumber: string) => ({ applianceId, serialNumber, ticketId: 'RT-CASE-1' });

describe('a warranty replacement on the timelines of both appliances', () => {
  const retired = createEvent({
    type: 'appliance.retired.v1',
    source: '/test',
    id: 'evt-retired',
    time: '2026-12-01T10:00:01.000Z',
    data: {
      applianceId: 'A-OLD',
      serialNumber: 'WM-1',
      customerId: 'C-1',
      retiredAt: '2026-12-01T10:00:01.000Z',
      reason: 'replaced',
      replacedBy: link('A-NEW', 'WM-2'),
    },
  });
  const registered = createEvent({
    type: 'appliance.registered.v1',
    source: '/test',
    id: 'evt-new',
    time: '2026-12-01T10:00:01.000Z',
    data: {
      applianceId: 'A-NEW',
      serialNumber: 'WM-2',
      sku: 'WM-8',
      category: 'washing-machine',
      customerId: 'C-1',
      orderId: 'ORD-1',
      purchasedAt: '2026-03-15T09:00:00.000Z',
      warrantyMonths: 24,
      warrantyEndsAt: '2028-03-15T09:00:00.000Z',
      installationRequired: false,
      replaces: link('A-OLD', 'WM-1'),
    },
  });

  it('names the replacement on the old one and the replaced serial on the new one', () => {
    expect(toTimelineEntry(retired)).toMatchObject({
      applianceId: 'A-OLD',
      customerId: 'C-1',
      summary: 'Retired: replaced under warranty by serial WM-2 (repair RT-CASE-1)',
      outcome: 'retired',
    });
    expect(toTimelineEntry(registered)?.summary).toContain('replaces serial WM-1 under warranty (repair RT-CASE-1)');
  });

  it('moves the old appliance from being replaced to retired', () => {
    const approved = createEvent({
      type: 'repair.replacement-approved.v1',
      source: '/test',
      id: 'evt-approved',
      time: '2026-12-01T10:00:00.000Z',
      data: {
        ticketId: 'RT-CASE-1',
        applianceId: 'A-OLD',
        customerId: 'C-1',
        approvedAt: '2026-12-01T10:00:00.000Z',
        approvedBy: 'dispatcher-1',
        trigger: 'repeat-fault',
        reason: 'the same fault again',
      },
    });
    const approvedEntry = toTimelineEntry(approved)!;
    expect(projectAppliance([approvedEntry])?.status).toBe('being-replaced');
    expect(projectAppliance([approvedEntry, toTimelineEntry(retired)!])?.status).toBe('retired');
  });
});
