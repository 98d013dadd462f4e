import { parseTeamRoutes, routedTarget, TeamConfigError, TeamDirectory, teamRecipients } from './team-routing.policy';

const teams: TeamDirectory = {
  'dispatch-team': {
    kind: 'dispatch-team',
    name: 'Dispatch team',
    email: 'dispatch@example.org',
    locale: 'en-GB',
    routes: { london: 'london@example.org' },
  },
};
const target = {
  recipientKind: 'dispatch-team',
  recipientId: 'dispatch-team',
  template: 'dispatch-unassignable',
  urgency: 'normal',
} as const;

describe('team routing', () => {
  it('sends an event with a configured region to that region’s team, any other to the team itself', () => {
    expect(routedTarget({ ...target, route: 'London' }, teams)).toEqual({
      ...target,
      recipientId: 'dispatch-team:london',
    });
    expect(routedTarget({ ...target, route: 'cardiff' }, teams)).toEqual(target);
    expect(routedTarget(target, teams)).toEqual(target);
  });

  it('leaves people alone', () => {
    const customer = {
      recipientKind: 'customer',
      recipientId: 'C-1',
      template: 'problem-received',
      urgency: 'normal',
    } as const;
    expect(routedTarget(customer, teams)).toEqual(customer);
  });

  it('reads routes as region=address pairs or JSON, normalising regions', () => {
    expect(parseTeamRoutes('london=l@example.org, North West = nw@example.org', 'V')).toEqual({
      london: 'l@example.org',
      'north-west': 'nw@example.org',
    });
    expect(parseTeamRoutes('{"Cardiff":"c@example.org"}', 'V')).toEqual({ cardiff: 'c@example.org' });
    expect(parseTeamRoutes(undefined, 'V')).toEqual({});
  });

  it('refuses a route without a usable address, naming it', () => {
    expect(() => parseTeamRoutes('london=', 'DISPATCH_TEAM_ROUTES')).toThrow(TeamConfigError);
    expect(() => parseTeamRoutes('london=nobody', 'DISPATCH_TEAM_ROUTES')).toThrow(/DISPATCH_TEAM_ROUTES: "london"/);
    expect(() => parseTeamRoutes('{"london": 3}', 'V')).toThrow(TeamConfigError);
    expect(() => parseTeamRoutes('[1]', 'V')).toThrow(TeamConfigError);
  });

  it('makes every team and route a recipient with the configured address', () => {
    expect(teamRecipients(teams)).toEqual([
      {
        id: 'dispatch-team',
        contacts: { kind: 'dispatch-team', name: 'Dispatch team', email: 'dispatch@example.org', locale: 'en-GB' },
      },
      {
        id: 'dispatch-team:london',
        contacts: {
          kind: 'dispatch-team',
          name: 'Dispatch team (london)',
          email: 'london@example.org',
          locale: 'en-GB',
        },
      },
    ]);
  });
});
