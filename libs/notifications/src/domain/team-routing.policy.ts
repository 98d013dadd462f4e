import type { NotificationTarget } from '@appliance-care/notification-rules';

import { Contacts, RecipientKind } from './recipient';

/**
 * A fixed recipient named by the rules (the dispatch team): its contacts come from configuration,
 * not from an owner's event, with one address per route (an event's region).
 */
export interface TeamConfig {
  kind: RecipientKind;
  name: string;
  email: string;
  locale: string;
  /** route (normalised, see routeKey) → that route's team address */
  routes: Record<string, string>;
}

/** Team recipient id → its configuration (the rules name the id). */
export type TeamDirectory = Record<string, TeamConfig>;

/** A region as a route and as part of a recipient id: lower case, letters, digits, `.`, `_` and `-`. */
export const routeKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The recipient id of a team's route: `<team>:<route>` (e.g. `dispatch-team:london`). */
export const routeRecipientId = (teamId: string, route: string): string => `${teamId}:${route}`;

const looksLikeAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+$/.test(value);

/** Thrown for a configuration that cannot be used: the service does not start with it. */
export class TeamConfigError extends Error {}

/**
 * Routes as configured: a JSON object `{"london":"london@…"}` or `london=london@…,cardiff=…`.
 * Regions are normalised (routeKey); an entry without a usable address is refused, naming it.
 */
export function parseTeamRoutes(value: string | undefined, variable: string): Record<string, string> {
  const raw = (value ?? '').trim();
  if (!raw) return {};
  const entries: [string, unknown][] = raw.startsWith('{')
    ? Object.entries(parseJson(raw, variable))
    : raw.split(',').map((pair) => {
        const [region, ...address] = pair.split('=');
        return [region, address.join('=').trim()];
      });
  const routes: Record<string, string> = {};
  for (const [region, address] of entries) {
    const key = routeKey(region);
    if (!key || typeof address !== 'string' || !looksLikeAddress(address))
      throw new TeamConfigError(`${variable}: "${region}" needs a region and an email address (region=address)`);
    routes[key] = address;
  }
  return routes;
}

function parseJson(raw: string, variable: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new TeamConfigError(`${variable}: not a JSON object of region → address`);
}

/**
 * Who a rule's target is once configuration is applied: a team's route when the event names one
 * that is configured (its region), else the team itself; people are who the rule said.
 */
export function routedTarget(target: NotificationTarget, teams: TeamDirectory): NotificationTarget {
  const { route, ...routed } = target;
  const team = teams[target.recipientId];
  if (!route || !team) return routed;
  const key = routeKey(route);
  return team.routes[key] ? { ...routed, recipientId: routeRecipientId(target.recipientId, key) } : routed;
}

/** Every team recipient with its contacts: each team itself and each of its routes. */
export function teamRecipients(teams: TeamDirectory): { id: string; contacts: Contacts }[] {
  return Object.entries(teams).flatMap(([id, team]) => {
    const contacts = (name: string, email: string): Contacts => ({ kind: team.kind, name, email, locale: team.locale });
    return [
      { id, contacts: contacts(team.name, team.email) },
      ...Object.entries(team.routes).map(([route, email]) => ({
        id: routeRecipientId(id, route),
        contacts: contacts(`${team.name} (${route})`, email),
      })),
    ];
  });
}
