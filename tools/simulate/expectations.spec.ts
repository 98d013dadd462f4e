import { NOTIFICATION_RULES, NotificationRule, RuleCondition } from '@appliance-care/notification-rules';

import { NotificationExpectations, reminderLeads } from './expectations';

const HOUR = 3_600_000;
const expectations = (reminderLeadMs: Partial<Record<string, number>> = { email: 24 * HOUR, 'in-app': 24 * HOUR }) =>
  new NotificationExpectations({ technicianEmail: new Map([['TECH-MAIL', true]]), reminderLeadMs });

const targets = (type: string, data: Record<string, unknown>) =>
  expectations()
    .targets({ type, data } as never)
    .map(
      (t) => `${t.recipientId} ${[...t.channels].sort().join('+')}${t.aliases ? ` (or ${t.aliases.join(', ')})` : ''}`,
    )
    .sort();

const people = { customerId: 'C-1', technicianId: 'TECH-1', patronId: 'P-1', applianceId: 'A-1', region: 'North West' };

/** A value of the field that satisfies the condition. */
const satisfying = (c: RuleCondition) => ('equals' in c ? c.equals : 'in' in c ? c.in[0] : 'not-listed');

describe('NotificationExpectations.targets', () => {
  it('follows every rule of the table: each rule, its conditions met, tells its recipient on their channels', () => {
    for (const rule of NOTIFICATION_RULES as readonly NotificationRule[]) {
      const data = { ...people, ...Object.fromEntries((rule.when ?? []).map((c) => [c.field, satisfying(c)])) };
      const told = expectations().targets({ type: rule.eventType, data } as never);
      const id = 'idField' in rule.recipient ? data[rule.recipient.idField] : rule.recipient.id;
      const target = told.find((t) => t.recipientId === id);
      expect({ rule: `${rule.eventType} → ${rule.template}`, found: !!target }).toEqual({
        rule: `${rule.eventType} → ${rule.template}`,
        found: true,
      });
      // customers and teams have an address; a technician without one is told in-app only
      expect(target!.channels).toEqual(rule.recipient.kind === 'technician' ? ['in-app'] : ['in-app', 'email']);
    }
  });

  it("expects issue 17's notices: a repair's booking, en-route and cancellations of other visits, bumps, parts, failed installations", () => {
    expect(targets('work-order.assigned.v1', { ...people, kind: 'repair' })).toEqual([
      'C-1 email+in-app',
      'TECH-1 in-app',
    ]);
    expect(targets('work-order.en-route.v1', { ...people, kind: 'installation' })).toEqual(['C-1 email+in-app']);
    expect(targets('work-order.en-route.v1', { ...people, kind: 'repair' })).toEqual([]); // repair.en-route.v1 tells
    expect(
      targets('work-order.cancelled.v1', { ...people, technicianId: 'TECH-MAIL', kind: 'diagnostic-visit' }),
    ).toEqual(['C-1 email+in-app', 'TECH-MAIL email+in-app']);
    expect(targets('work-order.cancelled.v1', { ...people, kind: 'repair' })).toEqual([]); // repair.cancelled.v1 tells
    for (const type of [
      'work-order.bumped.v1',
      'repair.parts-arrived.v1',
      'installation.failed.v1',
      'installation.rescheduled.v1',
    ])
      expect(targets(type, people)).toEqual(['C-1 email+in-app']);
  });

  it("expects the dispatch team's alerts, by the team's id or its region's route", () => {
    const team = 'dispatch-team email+in-app (or dispatch-team:north-west)';
    expect(targets('work-order.unassignable.v1', { ...people, kind: 'installation', reason: 'fully booked' })).toEqual([
      team,
    ]);
    expect(targets('repair.sla-at-risk.v1', people)).toEqual([team]);
    expect(targets('repair.sla-breached.v1', people)).toEqual(['C-1 email+in-app', team]);
    // an event without a region has no route to take
    expect(targets('repair.sla-at-risk.v1', { customerId: 'C-1' })).toEqual(['dispatch-team email+in-app']);
  });
});

describe('NotificationExpectations: technicians', () => {
  it('expects email for a technician with an address, in-app only without, and allows email for one it does not know', () => {
    const withMail = new NotificationExpectations({
      technicianEmail: new Map([
        ['TECH-MAIL', true],
        ['TECH-NONE', false],
      ]),
      reminderLeadMs: {},
    });
    const assigned = (technicianId: string) =>
      withMail.targets({ type: 'work-order.assigned.v1', data: { kind: 'installation', technicianId } } as never);
    expect(assigned('TECH-MAIL')).toEqual([{ recipientId: 'TECH-MAIL', channels: ['in-app', 'email'] }]);
    expect(assigned('TECH-NONE')).toEqual([{ recipientId: 'TECH-NONE', channels: ['in-app'] }]);
    expect(assigned('TECH-OTHER')).toEqual([{ recipientId: 'TECH-OTHER', channels: ['in-app'], mayAlso: ['email'] }]);
  });
});

describe('NotificationExpectations.reminders', () => {
  const booking = (type: string, kind: string | undefined, from: string, time = '2026-12-01T09:00:00Z') => ({
    type,
    time,
    data: { ...people, ...(kind ? { kind } : {}), window: { from, to: from } },
  });

  it('allows a reminder per lead channel for a booking made more than the lead ahead', () => {
    const days = booking('installation.scheduled.v1', undefined, '2026-12-08T08:00:00Z');
    expect(expectations().reminders(days as never)).toEqual([{ recipientId: 'C-1', channels: ['in-app', 'email'] }]);
    // REMINDER_LEAD_HOURS=email:2: only email reminds, and a booking three hours ahead is far enough
    const hours = booking('work-order.assigned.v1', 'diagnostic-visit', '2026-12-01T12:00:00Z');
    expect(expectations({ email: 2 * HOUR }).reminders(hours as never)).toEqual([
      { recipientId: 'C-1', channels: ['email'] },
    ]);
  });

  it('allows none within the lead, for an installation assigned (installation.scheduled.v1 books it), or without a window', () => {
    expect(
      expectations().reminders(booking('work-order.assigned.v1', 'repair', '2026-12-02T08:00:00Z') as never),
    ).toEqual([]);
    const installation = booking('work-order.assigned.v1', 'installation', '2026-12-08T08:00:00Z');
    expect(expectations().reminders(installation as never)).toEqual([]);
    const noWindow = { type: 'installation.scheduled.v1', time: '2026-12-01T09:00:00Z', data: people };
    expect(expectations().reminders(noWindow as never)).toEqual([]);
  });
});

describe('reminderLeads', () => {
  it('reads REMINDER_LEAD_HOURS as the notifications service does, with its default, and refuses a bad entry', () => {
    expect(reminderLeads({})).toEqual({ email: 24 * HOUR, sms: 24 * HOUR, 'in-app': 24 * HOUR });
    expect(reminderLeads({ REMINDER_LEAD_HOURS: 'email:2, in-app:30m,sms:90s' })).toEqual({
      email: 2 * HOUR,
      'in-app': 30 * 60_000,
      sms: 90_000,
    });
    expect(() => reminderLeads({ REMINDER_LEAD_HOURS: 'email:soon' })).toThrow(/"email:soon"/);
  });
});
