import { createRemoteJWKSet, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { Principal, ROLES, Role } from './principal';

export interface AuthConfig {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export const DEV_JWT_SECRET = 'appliance-care-local-development-secret-change-me';

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env['NODE_ENV'] === 'production';
  const secret = env['JWT_SECRET'] ?? (production ? undefined : DEV_JWT_SECRET);
  // a published secret signs anybody's admin token
  if (production && secret === DEV_JWT_SECRET) throw new Error('JWT_SECRET must not be the development secret in production');
  return { secret, jwksUrl: env['JWT_JWKS_URL'] || undefined, issuer: env['JWT_ISSUER'], audience: env['JWT_AUDIENCE'] };
}

export class InvalidTokenError extends Error {}

/** Verifies bearer tokens: HS256 with JWT_SECRET, or an identity provider's keys when JWT_JWKS_URL is set. */
export class TokenVerifier {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret?: Uint8Array;

  constructor(private readonly config: AuthConfig) {
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    else if (config.secret) this.secret = new TextEncoder().encode(config.secret);
    else throw new Error('JWT_SECRET or JWT_JWKS_URL must be set');
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const options = { issuer: this.config.issuer, audience: this.config.audience };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256'] })).payload
        : (await jwtVerify(token, this.secret as Uint8Array, { ...options, algorithms: ['HS256'] })).payload;
    } catch (err) {
      throw new InvalidTokenError(`invalid token: ${(err as Error).message}`);
    }
    return toPrincipal(payload);
  }
}

function toPrincipal(payload: JWTPayload): Principal {
  const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
  const valid = roles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (!payload.sub || valid.length === 0) throw new InvalidTokenError('invalid token: sub and at least one known role are required');
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return { sub: payload.sub, roles: valid, customerId: str(payload['customerId']), technicianId: str(payload['technicianId']) };
}

/** Mints an HS256 token (local runs, tests, the simulator). */
export async function mintToken(
  principal: Principal,
  secret: string = loadAuthConfig().secret ?? DEV_JWT_SECRET,
  expiresIn: string | number = '12h',
): Promise<string> {
  const claims: Record<string, unknown> = { roles: principal.roles };
  if (principal.customerId) claims['customerId'] = principal.customerId;
  if (principal.technicianId) claims['technicianId'] = principal.technicianId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
