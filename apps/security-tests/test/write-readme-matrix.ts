// npm run docs:security-matrix: rewrites the README's authorisation matrix (between the
// authz-matrix markers) from apps/security-tests/authz-matrix.json, the matrix the security tests call.
import { readFileSync, writeFileSync } from 'node:fs';

import { readMatrix, README, readmeWithMatrix } from './authz-matrix';

const before = readFileSync(README, 'utf8');
const after = readmeWithMatrix(before, readMatrix());
if (after === before) {
  console.log('README.md: the authorisation matrix is up to date');
} else {
  writeFileSync(README, after);
  console.log('README.md: authorisation matrix rewritten from apps/security-tests/authz-matrix.json');
}
