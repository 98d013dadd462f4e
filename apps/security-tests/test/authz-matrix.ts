import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Role, ROLES } from '@appliance-care/auth';

/** The matrix has a column per role, in the order the auth library lists them. */
export const MATRIX_ROLES: Role[] = [...ROLES];

/**
 * `✓` everyone's data · `own/404` the caller's own data only, someone else's answers 404 (the caller
 * may not know it exists) · `own/403` the caller's own only, someone else's answers 403 (a list
 * filtered by someone else's id) · `403` the role may not call it · `401` no valid token ·
 * `public` no token needed.
 */
export type Cell = '✓' | 'own/404' | 'own/403' | '403' | '401' | 'public';
const CELLS: Cell[] = ['✓', 'own/404', 'own/403', '403', '401', 'public'];

export interface MatrixRow {
  service: string;
  method: string;
  path: string;
  noToken: Cell;
  roles: Record<Role, Cell>;
}

/** The one source: the test calls every cell of it, the README shows it (npm run docs:security-matrix). */
export const MATRIX_FILE = path.resolve(__dirname, '../authz-matrix.json');
export const README = path.resolve(__dirname, '../../../README.md');
const START = '<!-- authz-matrix:start -->';
const END = '<!-- authz-matrix:end -->';

export const isOwn = (cell: Cell): cell is 'own/404' | 'own/403' => cell.startsWith('own/');
/** What someone else (another customer, another technician) gets from an `own/…` cell. */
export const othersStatus = (cell: 'own/404' | 'own/403'): 403 | 404 => (cell === 'own/404' ? 404 : 403);

export function readMatrix(file = MATRIX_FILE): MatrixRow[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { roles: string[]; rows: Record<string, string>[] };
  if (data.roles.join() !== MATRIX_ROLES.join()) throw new Error(`${file}: roles must be ${MATRIX_ROLES.join(', ')}`);
  return data.rows.map((raw) => {
    const [method, route, ...rest] = (raw['endpoint'] ?? '').split(' ');
    if (!method || !route || rest.length) throw new Error(`${file}: malformed endpoint "${raw['endpoint']}"`);
    for (const key of ['noToken', ...MATRIX_ROLES]) {
      if (!CELLS.includes(raw[key] as Cell))
        throw new Error(`${file}: ${raw['endpoint']}: unknown cell "${raw[key]}" for ${key}`);
    }
    return {
      service: raw['service'],
      method,
      path: route,
      noToken: raw['noToken'] as Cell,
      roles: Object.fromEntries(MATRIX_ROLES.map((r) => [r, raw[r] as Cell])) as Record<Role, Cell>,
    };
  });
}

/** The README's table, one row per endpoint. */
export function renderMatrix(rows: MatrixRow[]): string {
  const header = `| Service | Endpoint | no token | ${MATRIX_ROLES.join(' | ')} |`;
  const rule = `|${'---|'.repeat(3 + MATRIX_ROLES.length)}`;
  const lines = rows.map(
    (r) =>
      `| ${r.service} | ${r.method} ${r.path} | ${r.noToken} | ${MATRIX_ROLES.map((role) => r.roles[role]).join(' | ')} |`,
  );
  return [header, rule, ...lines].join('\n');
}

/** The README with its matrix section (between the authz-matrix markers) rendered from the matrix. */
export function readmeWithMatrix(readme: string, rows: MatrixRow[]): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the README has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n<!-- generated from apps/security-tests/authz-matrix.json by npm run docs:security-matrix: edit that file, not this table -->\n${renderMatrix(rows)}\n${readme.slice(end)}`;
}
