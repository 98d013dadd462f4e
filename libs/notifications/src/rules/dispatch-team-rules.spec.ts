import { matchRules, NOTIFICATION_RULES } from '@appliance-care/notification-rules';

import { loadReminderConfig, parseReminderLeads } from '../application/reminder.config';
import { loadTeamDirectory } from '../application/team-directory.config';

const team = (template: string, route?: string) => ({
  recipientKind: 'dispatch-team',
  recipientId: 'dispatch-team',
  template,
  urgency: template === 'dispatch-sla-breached' ? 'urgent' : 'normal',
  ...(route ? { route } : {}),
});

describe('the dispatch team in the rules', () => {
  it('is told of unassignable orders, SLA warnings and breaches, with the region as its route', () => {
    const unassignable = { workOrderId: 'WO-1', kind: 'repair', sourceId: 'RT-1', applianceId: 'A-1', reason: 'x' };
    expect(matchRules('work-order.unassignable.v1', unassignable)).toEqual([team('dispatch-unassignable')]);
    expect(matchRules('work-order.unassignable.v1', { ...unassignable, region: 'london' })).toEqual([
      team('dispatch-unassignable', 'london'),
    ]);
    expect(matchRules('repair.sla-at-risk.v1', { ticketId: 'RT-1', customerId: 'C-1' })).toEqual([
      team('dispatch-sla-at-risk'),
    ]);
  });

  it('keeps the customer’s apology for a breach next to the team’s alert', () => {
    expect(matchRules('repair.sla-breached.v1', { ticketId: 'RT-1', customerId: 'C-1', region: 'cardiff' })).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'sla-breach-apology', urgency: 'normal' },
      team('dispatch-sla-breached', 'cardiff'),
    ]);
  });

  it('names the team by data only: no rule reads a team id from the event', () => {
    const teamRules = NOTIFICATION_RULES.filter((r) => r.recipient.kind === 'dispatch-team');
    expect(teamRules.map((r) => r.recipient)).toEqual(
      teamRules.map(() => ({ kind: 'dispatch-team', id: 'dispatch-team', routeField: 'region' })),
    );
  });
});

describe('configuration', () => {
  it('gives the dispatch team a local default address, region routes and a locale', () => {
    expect(loadTeamDirectory({})['dispatch-team']).toMatchObject({
      email: 'dispatch@appliance-care.local',
      routes: {},
      locale: 'en-GB',
    });
    expect(
      loadTeamDirectory({ DISPATCH_TEAM_EMAIL: 'ops@example.org', DISPATCH_TEAM_ROUTES: 'london=l@example.org' })[
        'dispatch-team'
      ],
    ).toMatchObject({ email: 'ops@example.org', routes: { london: 'l@example.org' } });
    expect(() => loadTeamDirectory({ DISPATCH_TEAM_EMAIL: 'nobody' })).toThrow(/DISPATCH_TEAM_EMAIL/);
  });

  it('reads reminder lead times per channel, in hours unless a unit is given', () => {
    expect(loadReminderConfig({})).toEqual({
      leadMs: { email: 86_400_000, sms: 86_400_000, 'in-app': 86_400_000 },
      sweepMs: 5000,
      batchSize: 200,
    });
    expect(parseReminderLeads('email:24,sms:2')).toEqual({ email: 86_400_000, sms: 7_200_000 });
    expect(parseReminderLeads('email:90s, sms:30m, in-app:1.5h')).toEqual({
      email: 90_000,
      sms: 1_800_000,
      'in-app': 5_400_000,
    });
    expect(() => parseReminderLeads('fax:2')).toThrow(/REMINDER_LEAD_HOURS: "fax:2"/);
    expect(() => parseReminderLeads('email:0')).toThrow(/REMINDER_LEAD_HOURS/);
    expect(() => parseReminderLeads('email')).toThrow(/REMINDER_LEAD_HOURS/);
  });
});
