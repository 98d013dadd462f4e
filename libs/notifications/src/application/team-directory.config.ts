import { parseTeamRoutes, TeamConfigError, TeamDirectory } from '../domain/team-routing.policy';

/** The id the rules name the dispatch team by (libs/notification-rules). */
export const DISPATCH_TEAM_ID = 'dispatch-team';

/**
 * The teams the rules may name, from configuration: the dispatch team's address
 * (DISPATCH_TEAM_EMAIL, default dispatch@appliance-care.local, which local SMTP capture shows) and
 * one per region (DISPATCH_TEAM_ROUTES, `region=address,…` or JSON), in DISPATCH_TEAM_LOCALE.
 */
export function loadTeamDirectory(env: NodeJS.ProcessEnv): TeamDirectory {
  const email = (env['DISPATCH_TEAM_EMAIL'] || 'dispatch@appliance-care.local').trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new TeamConfigError(`DISPATCH_TEAM_EMAIL: "${email}" is no address`);
  return {
    [DISPATCH_TEAM_ID]: {
      kind: 'dispatch-team',
      name: 'Dispatch team',
      email,
      locale: env['DISPATCH_TEAM_LOCALE'] || 'en-GB',
      routes: parseTeamRoutes(env['DISPATCH_TEAM_ROUTES'], 'DISPATCH_TEAM_ROUTES'),
    },
  };
}
