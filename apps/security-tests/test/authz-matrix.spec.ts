import { readFileSync } from 'node:fs';

import { isOwn, MATRIX_ROLES, readMatrix, README, readmeWithMatrix } from './authz-matrix';

describe('authorisation matrix (apps/security-tests/authz-matrix.json)', () => {
  const matrix = readMatrix();

  it('is what the README shows (run npm run docs:security-matrix after changing it)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toBe(readmeWithMatrix(readme, matrix));
  });

  it('has one row per endpoint, the portal included', () => {
    const keys = matrix.map((r) => `${r.service} ${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        'portal GET /api/v1/appliances/{id}/timeline',
        'portal GET /api/v1/customers/{id}/appliances',
      ]),
    );
  });

  it("keeps one rule: someone else's resource in the path answers 404, a list filtered by someone else's id 403", () => {
    for (const row of matrix) {
      for (const role of MATRIX_ROLES) {
        const cell = row.roles[role];
        if (!isOwn(cell)) continue;
        const byPath = /\{[^}]+\}/.test(row.path);
        expect(`${row.method} ${row.path} as ${role}: ${cell}`).toBe(
          `${row.method} ${row.path} as ${role}: ${byPath ? 'own/404' : 'own/403'}`,
        );
      }
    }
  });
});
