import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Offender {
  file: string;
  line: number;
  what: string;
  lines: number;
  limit: number;
}
// tools/checks/size-limits.js is plain node (npm test runs it before jest); its functions, typed here
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sizeLimits = require('./size-limits.js') as {
  measure: (file: string, text: string) => Offender[];
  productionFiles: (root: string, relative: string) => string[];
};

const lines = (count: number, text = 'step();') => Array.from({ length: count }, () => `  ${text}`).join('\n');

describe('size limits', () => {
  it('passes a 40-line function and flags a 41-line one, a method and an arrow, at their lines', () => {
    const text = [
      `function fits() {\n${lines(40)}\n}`,
      `export function tooLong() {\n${lines(41)}\n}`,
      `class Store {\n  save() {\n${lines(41)}\n  }\n}`,
      `const handler = async () => {\n${lines(45)}\n};`,
    ].join('\n');
    expect(sizeLimits.measure('libs/x/src/a.ts', text).map((o) => `${o.line} ${o.what} ${o.lines}`)).toEqual([
      '43 function tooLong 41',
      '87 function Store.save 41',
      '131 function handler 45',
    ]);
  });

  it('flags a file over 250 lines, in JavaScript too', () => {
    const offenders = sizeLimits.measure('tools/a.js', `${lines(251, '// why')}\n`);
    expect(offenders).toEqual([expect.objectContaining({ line: 1, what: 'file', lines: 251, limit: 250 })]);
    expect(sizeLimits.measure('tools/b.js', `${lines(250, '// why')}\n`)).toEqual([]);
  });

  it('measures production files only: no specs, test folders, fixtures or declarations', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'appliance-care-sizes-'));
    const files = ['src/a.ts', 'src/a.spec.ts', 'src/a.int-spec.ts', 'test/b.ts', 'src/c.fixture.ts', 'src/d.d.ts'];
    for (const file of files.map((f) => path.join(root, 'libs', 'x', f))) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'export {};\n');
    }
    try {
      expect(sizeLimits.productionFiles(root, 'libs')).toEqual(['libs/x/src/a.ts']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
