import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Signed, expiring, single-purpose links in mails and SMS: the customer acts on one thing without a
 * login. A link is an HS256 JWT under its own key (LINK_SIGNING_SECRET, never the bearer key) whose
 * audience names its purpose, so an appointment link cannot give feedback and no link is a bearer
 * token (it has no roles and another key). "Once" is the verifier's business: it compares `ref` with
 * the thing's current state (a moved appointment has another `ref`) or records `jti`.
 */
export const LINK_PURPOSES = ['appointment', 'feedback'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaims {
  purpose: LinkPurpose;
  /** what the link acts on: the work order */
  subject: string;
  customerId: string;
  /** the state the link was issued for (an appointment: its window start); stale when it changed */
  ref?: string;
  /** unique per link: a verifier that allows one use records it */
  linkId: string;
  expiresAt: Date;
}

export const DEV_LINK_SECRET = 'appliance-care-local-development-link-secret-change-me';
const ISSUER = 'appliance-care';
const audience = (purpose: LinkPurpose) => `appliance-care:link:${purpose}`;

export function loadLinkSecret(env: NodeJS.ProcessEnv = process.env): string {
  const production = env['NODE_ENV'] === 'production';
  const secret = env['LINK_SIGNING_SECRET'] ?? (production ? undefined : DEV_LINK_SECRET);
  if (!secret) throw new Error('LINK_SIGNING_SECRET must be set in production');
  if (production && secret === DEV_LINK_SECRET)
    throw new Error('LINK_SIGNING_SECRET must not be the development secret in production');
  if (env['JWT_SECRET'] !== undefined && secret === env['JWT_SECRET'])
    throw new Error('LINK_SIGNING_SECRET must differ from JWT_SECRET');
  return secret;
}

/** Why a link was refused: expired, forged or for another purpose — said in words to its holder. */
export class InvalidLinkError extends Error {
  constructor(readonly reason: 'expired' | 'invalid' | 'wrong-purpose' | 'used' | 'stale') {
    super(LINK_MESSAGES[reason]);
  }
}

const LINK_MESSAGES: Record<InvalidLinkError['reason'], string> = {
  expired: 'this link has expired',
  invalid: 'this link is not valid',
  'wrong-purpose': 'this link is for something else',
  used: 'this link has already been used',
  stale: 'this link is for an appointment that has changed since; use the link in the latest message',
};

export class LinkSigner {
  private readonly key: Uint8Array;

  constructor(secret: string = loadLinkSecret()) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: Omit<LinkClaims, 'linkId'> & { linkId?: string }): Promise<string> {
    const body: Record<string, unknown> = { cus: claims.customerId };
    if (claims.ref !== undefined) body['ref'] = claims.ref;
    return new SignJWT(body)
      .setProtectedHeader({ alg: 'HS256', typ: 'link+jwt' })
      .setIssuer(ISSUER)
      .setAudience(audience(claims.purpose))
      .setSubject(claims.subject)
      .setJti(claims.linkId ?? randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  /** The link's claims when it is genuine, unexpired and for `purpose`; InvalidLinkError otherwise. */
  async verify(token: string, purpose: LinkPurpose, now: Date = new Date()): Promise<LinkClaims> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        requiredClaims: ['exp', 'sub', 'jti', 'aud'],
        currentDate: now,
      });
      if (protectedHeader.typ !== 'link+jwt') throw new InvalidLinkError('invalid');
      if (payload.aud !== audience(purpose)) throw new InvalidLinkError('wrong-purpose');
      if (typeof payload['cus'] !== 'string') throw new InvalidLinkError('invalid');
      return {
        purpose,
        subject: payload.sub as string,
        customerId: payload['cus'],
        ref: typeof payload['ref'] === 'string' ? payload['ref'] : undefined,
        linkId: payload.jti as string,
        expiresAt: new Date((payload.exp as number) * 1000),
      };
    } catch (err) {
      if (err instanceof InvalidLinkError) throw err;
      const code = (err as { code?: string }).code;
      throw new InvalidLinkError(code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid');
    }
  }
}
