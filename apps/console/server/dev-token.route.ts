import express, { Request, Response, Router } from 'express';

import { DEV_JWT_SECRET, mintToken, Principal } from '@appliance-care/auth';

import { problem } from './service.proxy';

/** The roles a person signs in with (the sales system is a machine, not a console user). */
const CONSOLE_ROLES = ['dispatcher', 'admin', 'technician', 'customer', 'librarian', 'library-technician'] as const;
type ConsoleRole = (typeof CONSOLE_ROLES)[number];
/** The id a role's token carries: whose jobs, appliances or queue the person sees. */
const ID_FIELD: Partial<Record<ConsoleRole, 'technicianId' | 'customerId'>> = {
  technician: 'technicianId',
  customer: 'customerId',
  'library-technician': 'technicianId',
};
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The principal asked for, or why not. */
function principalOf(body: Record<string, unknown>): Principal | string {
  const role = body['role'];
  if (typeof role !== 'string' || !(CONSOLE_ROLES as readonly string[]).includes(role))
    return `role must be one of ${CONSOLE_ROLES.join(', ')}`;
  const idField = ID_FIELD[role as ConsoleRole];
  if (!idField) return { sub: `${role}-console`, roles: [role as ConsoleRole] };
  const id = body[idField];
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return `${idField} is required for the ${role} role`;
  return { sub: id, roles: [role as ConsoleRole], [idField]: id };
}

/**
 * `POST /auth/dev-token {role, technicianId?, customerId?}` → `{token, principal}`: a development
 * sign-in that mints a token with libs/auth's mintToken and the services' development secret (or
 * JWT_SECRET). Mounted only outside production and without JWT_JWKS_URL; otherwise 404 and the
 * identity provider signs people in.
 */
export function devTokenRoute(options: { enabled: boolean; jwtSecret?: string }): Router {
  const router = Router();
  router.get('/auth/config', (_req, res) => {
    res.json({ devLogin: options.enabled });
  });
  router.post('/auth/dev-token', express.json({ limit: '2kb' }), async (req: Request, res: Response) => {
    if (!options.enabled)
      return problem(res, 404, 'Not Found', 'development sign-in is off: the identity provider signs people in');
    const principal = principalOf((req.body ?? {}) as Record<string, unknown>);
    if (typeof principal === 'string') return problem(res, 400, 'Bad Request', principal);
    const token = await mintToken(principal, options.jwtSecret ?? DEV_JWT_SECRET, '8h');
    res.setHeader('cache-control', 'no-store');
    res.json({ token, principal });
  });
  return router;
}
