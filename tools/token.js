#!/usr/bin/env node
// Mints a local HS256 bearer token (JWT_SECRET or the development default).
//   npm run token -- --role customer --customer-id C-1001
//   npm run token -- --role technician --technician-id T-001
//   npm run token -- --role dispatcher   (also: admin, sales-system, librarian)
//   npm run token -- --role library-technician --technician-id LT-CEN-001
//   npm run token -- --role patron --patron-id P-1001
//   npm run token -- --role admin --expires 30m   (default 12h; at most JWT_MAX_TOKEN_LIFETIME_S, 24 h by default)
// Every token carries iat and exp: the services refuse a token without exp or with a longer lifetime.
'use strict';
const { SignJWT } = require('jose');

const DEV_JWT_SECRET = 'appliance-care-local-development-secret-change-me';
const DEFAULT_MAX_TOKEN_LIFETIME_S = 24 * 3600; // as libs/auth

function maxLifetimeS() {
  const value = process.env.JWT_MAX_TOKEN_LIFETIME_S;
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_TOKEN_LIFETIME_S;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`JWT_MAX_TOKEN_LIFETIME_S must be a whole number of seconds >= 0, not ${value}`);
  return n;
}

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const roles = (arg('role') ?? 'admin').split(',');
  const claims = { roles };
  if (arg('customer-id')) claims.customerId = arg('customer-id');
  if (arg('technician-id')) claims.technicianId = arg('technician-id');
  if (arg('patron-id')) claims.patronId = arg('patron-id');
  const sub = arg('sub') ?? claims.customerId ?? claims.technicianId ?? claims.patronId ?? roles[0];
  const iat = Math.floor(Date.now() / 1000);
  const expires = arg('expires') ?? '12h';
  // a bare number is a lifetime in seconds (jose would read it as an absolute time)
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(/^\d+$/.test(expires) ? `${expires}s` : expires)
    .sign(new TextEncoder().encode(process.env.JWT_SECRET ?? DEV_JWT_SECRET));
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  const max = maxLifetimeS();
  if (exp - iat > max)
    throw new Error(`--expires ${expires} is longer than the services accept (JWT_MAX_TOKEN_LIFETIME_S=${max} s)`);
  if (exp <= iat) throw new Error(`--expires ${expires} must be a positive duration such as 30m or 12h`);
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
