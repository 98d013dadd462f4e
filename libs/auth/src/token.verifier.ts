import { createRemoteJWKSet, JWTPayload, jwtVerify, SignJWT } from 'jose';

import { Principal, Role, ROLES } from './principal';

export interface AuthConfig {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** longest accepted token lifetime, `exp` − (`iat`, else `nbf`, else now), in seconds */
  maxTokenLifetimeS?: number;
  /** clock difference tolerated between the issuer and this service for `exp`, `nbf` and `iat` */
  clockSkewS?: number;
}

export const DEV_JWT_SECRET = 'appliance-care-local-development-secret-change-me';
const DEFAULT_MAX_TOKEN_LIFETIME_S = 24 * 3600;
const DEFAULT_CLOCK_SKEW_S = 60;

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of seconds >= 0, not ${value}`);
  return n;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env['NODE_ENV'] === 'production';
  const secret = env['JWT_SECRET'] ?? (production ? undefined : DEV_JWT_SECRET);
  // a published secret signs anybody's admin token
  if (production && secret === DEV_JWT_SECRET)
    throw new Error('JWT_SECRET must not be the development secret in production');
  return {
    secret,
    jwksUrl: env['JWT_JWKS_URL'] || undefined,
    issuer: env['JWT_ISSUER'],
    audience: env['JWT_AUDIENCE'],
    maxTokenLifetimeS: seconds(env, 'JWT_MAX_TOKEN_LIFETIME_S', DEFAULT_MAX_TOKEN_LIFETIME_S),
    clockSkewS: seconds(env, 'JWT_CLOCK_SKEW_S', DEFAULT_CLOCK_SKEW_S),
  };
}

export class InvalidTokenError extends Error {}

/**
 * Verifies bearer tokens: HS256 with JWT_SECRET, or an identity provider's keys when JWT_JWKS_URL is
 * set. A token must expire (`exp`), within JWT_MAX_TOKEN_LIFETIME_S of its issue; `exp`, `nbf` and
 * `iat` are read with JWT_CLOCK_SKEW_S of tolerance.
 */
export class TokenVerifier {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret?: Uint8Array;

  constructor(private readonly config: AuthConfig) {
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    else if (config.secret) this.secret = new TextEncoder().encode(config.secret);
    else throw new Error('JWT_SECRET or JWT_JWKS_URL must be set');
  }

  async verify(token: string, now: number = Date.now()): Promise<Principal> {
    let payload: JWTPayload;
    const skew = this.config.clockSkewS ?? DEFAULT_CLOCK_SKEW_S;
    try {
      const options = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp'],
        clockTolerance: skew,
        currentDate: new Date(now),
      };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256'] })).payload
        : (await jwtVerify(token, this.secret as Uint8Array, { ...options, algorithms: ['HS256'] })).payload;
    } catch (err) {
      throw new InvalidTokenError(`invalid token: ${(err as Error).message}`);
    }
    checkLifetime(payload, Math.floor(now / 1000), skew, this.config.maxTokenLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S);
    return toPrincipal(payload);
  }
}

/** `iat` not in the future, and a lifetime within the maximum (jose has checked `exp` and `nbf`). */
function checkLifetime(payload: JWTPayload, nowS: number, skewS: number, maxLifetimeS: number): void {
  const exp = payload.exp as number;
  if (typeof payload.iat === 'number' && payload.iat > nowS + skewS) {
    throw new InvalidTokenError('invalid token: "iat" claim is in the future');
  }
  const from = typeof payload.iat === 'number' ? payload.iat : typeof payload.nbf === 'number' ? payload.nbf : nowS;
  if (exp - from > maxLifetimeS) {
    throw new InvalidTokenError(
      `invalid token: its lifetime (${exp - from} s) exceeds the maximum of ${maxLifetimeS} s`,
    );
  }
}

function toPrincipal(payload: JWTPayload): Principal {
  const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
  const valid = roles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (!payload.sub || valid.length === 0)
    throw new InvalidTokenError('invalid token: sub and at least one known role are required');
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return {
    sub: payload.sub,
    roles: valid,
    customerId: str(payload['customerId']),
    technicianId: str(payload['technicianId']),
    patronId: str(payload['patronId']),
  };
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
  if (principal.patronId) claims['patronId'] = principal.patronId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
