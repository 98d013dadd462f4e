import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Role } from '@appliance-care/auth';

export const MATRIX_ROLES: Role[] = ['sales-system', 'customer', 'technician', 'dispatcher', 'admin'];

/** `✓` everyone's data, `own` the caller's only, `403` never, `401` no valid token, `public` no token needed. */
export type Cell = '✓' | 'own' | '403' | '401' | 'public';

export interface MatrixRow {
  service: string;
  method: string;
  path: string;
  noToken: Cell;
  roles: Record<Role, Cell>;
}

const CELLS: Cell[] = ['✓', 'own', '403', '401', 'public'];
/** The matrix lives in the README's security section (the issue asks for one table there). */
export const MATRIX_DOC = path.resolve(__dirname, '../../../README.md');

/** The authorisation matrix as the README states it (between the authz-matrix markers). */
export function readMatrix(file = MATRIX_DOC): MatrixRow[] {
  const text = readFileSync(file, 'utf8');
  const block = text.split('<!-- authz-matrix:start -->')[1]?.split('<!-- authz-matrix:end -->')[0];
  if (!block) throw new Error(`${file} has no authz-matrix block`);
  const rows = block.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('|')).slice(2);
  return rows.map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 3 + MATRIX_ROLES.length) throw new Error(`malformed matrix row: ${line}`);
    const [service, endpoint, noToken, ...byRole] = cells;
    const [method, route] = endpoint.split(' ');
    for (const c of [noToken, ...byRole]) if (!CELLS.includes(c as Cell)) throw new Error(`unknown cell "${c}" in: ${line}`);
    return {
      service, method, path: route, noToken: noToken as Cell,
      roles: Object.fromEntries(MATRIX_ROLES.map((r, i) => [r, byRole[i] as Cell])) as Record<Role, Cell>,
    };
  });
}
