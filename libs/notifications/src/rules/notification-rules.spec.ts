import { isEventType } from '@appliance-care/contracts';
import { matchRules, NOTIFICATION_RULES, notifyingEventTypes } from '@appliance-care/notification-rules';

import { EN } from '../templates/templates.en';

const window = { from: '2026-12-01T08:00:00Z', to: '2026-12-01T12:00:00Z' };
const assigned = (kind: string) => ({
  workOrderId: 'WO-1',
  kind,
  sourceId: 'S-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  technicianId: 'T-1',
  technicianName: 'Grace',
  window,
  reason: 'best match',
});

describe('notification rules', () => {
  it('name only registered event types and existing English templates, one rule per event and recipient kind', () => {
    for (const rule of NOTIFICATION_RULES) {
      expect(isEventType(rule.eventType)).toBe(true);
      expect(EN[rule.template]).toBeDefined();
    }
    const keys = NOTIFICATION_RULES.map((r) => `${r.eventType}|${r.recipient.kind}|${JSON.stringify(r.when ?? [])}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cover every customer milestone and every technician notice of the issue', () => {
    expect(notifyingEventTypes().sort()).toEqual([
      'appliance.registered.v1',
      'diagnosis.completed.v1',
      'diagnosis.guidance-sent.v1',
      'installation.completed.v1',
      'installation.failed.v1',
      'installation.rescheduled.v1',
      'installation.scheduled.v1',
      'library.item.shelf-ready.v1',
      'maintenance.completed.v1',
      'maintenance.due.v1',
      'maintenance.overdue.v1',
      'problem.reported.v1',
      'repair.awaiting-parts.v1',
      'repair.cancelled.v1',
      'repair.completed.v1',
      'repair.en-route.v1',
      'repair.parts-arrived.v1',
      'repair.replacement-approved.v1',
      'repair.replacement-proposed.v1',
      'repair.sla-at-risk.v1',
      'repair.sla-breached.v1',
      'repair.ticket-opened.v1',
      'work-order.assigned.v1',
      'work-order.bumped.v1',
      'work-order.cancelled.v1',
      'work-order.en-route.v1',
      'work-order.released.v1',
      'work-order.unassignable.v1',
    ]);
  });

  it('tells the technician of every assignment and the customer of a diagnostic visit or a repair', () => {
    expect(matchRules('work-order.assigned.v1', assigned('diagnostic-visit'))).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'visit-scheduled', urgency: 'normal' },
      { recipientKind: 'technician', recipientId: 'T-1', template: 'work-order-assigned', urgency: 'normal' },
    ]);
    expect(matchRules('work-order.assigned.v1', assigned('repair'))).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'repair-visit-booked', urgency: 'normal' },
      { recipientKind: 'technician', recipientId: 'T-1', template: 'work-order-assigned', urgency: 'normal' },
    ]);
    // the installation's customer hears of it through installation.scheduled.v1
    expect(matchRules('work-order.assigned.v1', assigned('installation'))).toEqual([
      { recipientKind: 'technician', recipientId: 'T-1', template: 'work-order-assigned', urgency: 'normal' },
    ]);
  });

  it('tells the customer a maintenance visit is due, booked and completed; the team when it is overdue', () => {
    const maintenance = {
      applianceId: 'A-1',
      customerId: 'C-1',
      planName: 'Annual gas-safety service',
      region: 'leeds',
    };
    expect(matchRules('maintenance.due.v1', maintenance)).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'maintenance-due', urgency: 'normal' },
    ]);
    expect(matchRules('work-order.assigned.v1', assigned('maintenance'))).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'maintenance-visit-booked', urgency: 'normal' },
      { recipientKind: 'technician', recipientId: 'T-1', template: 'work-order-assigned', urgency: 'normal' },
    ]);
    expect(matchRules('maintenance.completed.v1', maintenance)).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'maintenance-completed', urgency: 'normal' },
    ]);
    expect(matchRules('maintenance.overdue.v1', maintenance)).toEqual([
      {
        recipientKind: 'dispatch-team',
        recipientId: 'dispatch-team',
        template: 'dispatch-maintenance-overdue',
        urgency: 'normal',
        route: 'leeds',
      },
    ]);
  });

  it('tells a technician a released job was reassigned or cancelled, and a cancelled repair only once', () => {
    const released = (reason: string, kind = 'installation') => ({
      ...assigned(kind),
      reason,
      releasedAt: window.from,
    });
    expect(matchRules('work-order.released.v1', released('reassigned')).map((t) => t.template)).toEqual([
      'work-order-reassigned',
    ]);
    expect(matchRules('work-order.released.v1', released('declined', 'repair')).map((t) => t.template)).toEqual([
      'work-order-reassigned',
    ]);
    expect(matchRules('work-order.released.v1', released('source-cancelled')).map((t) => t.template)).toEqual([
      'work-order-cancelled',
    ]);
    expect(matchRules('work-order.released.v1', released('source-cancelled', 'repair'))).toEqual([]);
    const cancelled = {
      ticketId: 'R-1',
      applianceId: 'A-1',
      customerId: 'C-1',
      technicianId: 'T-1',
      at: window.from,
      reason: 'x',
      cancelledBy: 'customer',
    };
    expect(matchRules('repair.cancelled.v1', cancelled).map((t) => `${t.recipientKind}:${t.template}`)).toEqual([
      'customer:repair-cancelled',
      'technician:repair-cancelled-technician',
    ]);
  });

  it('tells nobody when the event lacks the recipient id, and ignores events without rules', () => {
    expect(
      matchRules('repair.cancelled.v1', { ticketId: 'R-1', customerId: 'C-1' }).map((t) => t.recipientKind),
    ).toEqual(['customer']);
    expect(
      matchRules('work-order.assigned.v1', { ...assigned('diagnostic-visit'), customerId: undefined }).map(
        (t) => t.recipientKind,
      ),
    ).toEqual(['technician']);
    expect(matchRules('repair.accepted.v1', { customerId: 'C-1', technicianId: 'T-1' })).toEqual([]);
  });

  it('makes an en-route notice urgent (it may wake nobody only when it matters now)', () => {
    expect(matchRules('repair.en-route.v1', { customerId: 'C-1' })[0].urgency).toBe('urgent');
    expect(matchRules('repair.sla-breached.v1', { customerId: 'C-1' })[0].urgency).toBe('normal');
  });
});
