#!/usr/bin/env node
// Mints a local HS256 bearer token (JWT_SECRET or the development default).
//   npm run token -- --role customer --customer-id C-1001
//   npm run token -- --role technician --technician-id T-001
//   npm run token -- --role dispatcher   (also: admin, sales-system)
'use strict';
const { SignJWT } = require('jose');

const DEV_JWT_SECRET = 'appliance-care-local-development-secret-change-me';

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const roles = (arg('role') ?? 'admin').split(',');
  const claims = { roles };
  if (arg('customer-id')) claims.customerId = arg('customer-id');
  if (arg('technician-id')) claims.technicianId = arg('technician-id');
  const sub = arg('sub') ?? claims.customerId ?? claims.technicianId ?? roles[0];
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(arg('expires') ?? '12h')
    .sign(new TextEncoder().encode(process.env.JWT_SECRET ?? DEV_JWT_SECRET));
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
