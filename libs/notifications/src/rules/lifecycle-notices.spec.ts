import { ServiceSubscriptions } from '@appliance-care/contracts';
import { heardEventTypes, matchRules, notifyingEventTypes, UNTOLD_EVENTS } from '@appliance-care/notification-rules';

const window = { from: '2026-12-03T08:00:00Z', to: '2026-12-03T10:00:00Z' };
const booking = (kind: string) => ({
  workOrderId: 'WO-1',
  kind,
  sourceId: 'S-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  technicianId: 'T-1',
  window,
});
const told = (type: string, data: object) => matchRules(type, data).map((t) => `${t.recipientKind}:${t.template}`);

describe('lifecycle notices (issue 17)', () => {
  it('tells the customer the technician of an installation or diagnostic visit is on the way, urgently', () => {
    for (const kind of ['installation', 'diagnostic-visit']) {
      const targets = matchRules('work-order.en-route.v1', { ...booking(kind), eta: window.from, at: window.from });
      expect(targets).toEqual([
        { recipientKind: 'customer', recipientId: 'C-1', template: 'technician-en-route', urgency: 'urgent' },
      ]);
    }
    // a repair's en-route is repair.en-route.v1: never twice
    expect(told('work-order.en-route.v1', booking('repair'))).toEqual([]);
  });

  it('tells customer and technician of a cancelled appointment, except a repair (repair.cancelled.v1 does)', () => {
    const cancelled = (kind: string, over: object = {}) => ({
      ...booking(kind),
      cancelledBy: 'customer',
      via: 'link',
      reason: 'moved house',
      cancelledAt: window.from,
      ...over,
    });
    for (const kind of ['installation', 'diagnostic-visit'])
      expect(told('work-order.cancelled.v1', cancelled(kind))).toEqual([
        'customer:appointment-cancelled',
        'technician:appointment-cancelled-technician',
      ]);
    expect(told('work-order.cancelled.v1', cancelled('repair'))).toEqual([]);
    // not booked yet: only the customer has someone to tell
    expect(told('work-order.cancelled.v1', cancelled('installation', { technicianId: undefined }))).toEqual([
      'customer:appointment-cancelled',
    ]);
  });

  it('tells the customer of a bump, arrived parts, a failed and a moved installation', () => {
    expect(matchRules('work-order.bumped.v1', { ...booking('repair'), bumpedByWorkOrderId: 'WO-9' })).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'appointment-bumped', urgency: 'urgent' },
    ]);
    expect(told('repair.parts-arrived.v1', { ticketId: 'R-1', customerId: 'C-1', technicianId: 'T-1' })).toEqual([
      'customer:repair-parts-arrived',
    ]);
    const installation = { installationId: 'I-1', applianceId: 'A-1', customerId: 'C-1', technicianId: 'T-1' };
    expect(told('installation.failed.v1', installation)).toEqual(['customer:installation-failed']);
    expect(told('installation.rescheduled.v1', installation)).toEqual(['customer:installation-rescheduled']);
  });

  it('tells of a move once: by the new booking, not by work-order.rescheduled.v1', () => {
    const moved = {
      ...booking('repair'),
      previousTechnicianId: 'T-1',
      previousWindow: window,
      rescheduledBy: 'customer',
    };
    expect(told('work-order.rescheduled.v1', moved)).toEqual([]);
    expect(told('work-order.assigned.v1', { ...booking('repair'), reason: 'rescheduled' })).toEqual([
      'customer:repair-visit-booked',
      'technician:work-order-assigned',
    ]);
    expect(
      told('installation.cancelled.v1', { installationId: 'I-1', customerId: 'C-1', technicianId: 'T-1' }),
    ).toEqual([]);
    expect(told('diagnosis.visit-cancelled.v1', { caseId: 'K-1', customerId: 'C-1', technicianId: 'T-1' })).toEqual([]);
  });

  it('hears the untold events on purpose, each with who tells instead, and nothing event-flows does not list', () => {
    for (const untold of UNTOLD_EVENTS) {
      expect(notifyingEventTypes()).not.toContain(untold.eventType);
      expect(heardEventTypes()).toContain(untold.eventType);
      expect(untold.toldBy.length).toBeGreaterThan(10);
    }
    // the exact comparison with the handlers is the service's basics test
    const subscribed: readonly string[] = ServiceSubscriptions.notifications;
    expect(heardEventTypes().filter((type) => !subscribed.includes(type))).toEqual([]);
  });
});
