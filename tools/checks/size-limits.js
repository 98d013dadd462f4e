#!/usr/bin/env node
// Size limits of the developers' guide, run by `npm test` (tools/test.js): no production file over
// 250 lines, no function, method or arrow function whose body is over 40 lines. Production means
// apps/, libs/ and tools/ minus tests (*.spec.ts, *.int-spec.ts, *.e2e-spec.ts, test/ folders, spec
// helpers and fixtures, the test projects named below) and minus the data files named below. Prints
// each offender as file:line.
//   node tools/checks/size-limits.js [--json]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const LIMITS = { fileLines: 250, functionLines: 40 };
const ROOTS = ['apps', 'libs', 'tools'];
const SOURCE = /\.(ts|tsx|js|cjs|mjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.cache', '.data', '.run', '.nx', 'test']);
const NOT_PRODUCTION = [/\.(spec|int-spec|e2e-spec)\.ts$/, /\.spec-helper\.ts$/, /\.fixtures?\.ts$/, /\.d\.ts$/];
/** Projects that are test code as a whole: the shared test helpers (describe blocks, probes, harnesses). */
const TEST_PROJECTS = ['libs/testing/', 'libs/service-testing/', 'apps/e2e/', 'apps/security-tests/'];

/** Files that are data written as code (tables, texts), not logic: file → why it may be long. */
const DATA_FILES = {};

/**
 * Offenders tolerated for a while (e.g. while a file is being split): file → what in it is too long,
 * 'file' for its length or a function's name as printed. A known offender does not fail the check; one
 * that is within its limit now is reported, to be taken off this list. Empty since issue 15.
 */
const KNOWN_OFFENDERS = {};

function productionFiles(dir = ROOT, relative = '') {
  const found = [];
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const file = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...productionFiles(dir, file));
    } else if (SOURCE.test(entry.name) && !NOT_PRODUCTION.some((pattern) => pattern.test(entry.name))) {
      found.push(file);
    }
  }
  return found;
}

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

/** A readable name: the declaration's, the variable or property it is assigned to, else what calls it. */
function functionName(node) {
  const owner = (n) => (n.parent && ts.isClassLike(n.parent) && n.parent.name ? `${n.parent.name.text}.` : '');
  if (ts.isConstructorDeclaration(node)) return `${owner(node)}constructor`;
  if (node.name) return `${owner(node)}${node.name.getText()}`;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return `${owner(parent)}${parent.name.getText()}`;
  }
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

/** Lines inside the body's braces (or of an expression body). */
function bodyLines(sourceFile, body) {
  const first = sourceFile.getLineAndCharacterOfPosition(body.getStart(sourceFile)).line;
  const last = sourceFile.getLineAndCharacterOfPosition(body.getEnd()).line;
  return ts.isBlock(body) ? Math.max(0, last - first - 1) : last - first + 1;
}

/** The file's offenders: { file, line, what, lines, limit, key }. */
function measure(file, text) {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const offenders = [];
  const fileLines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (fileLines > LIMITS.fileLines) {
    offenders.push({ file, line: 1, what: 'file', lines: fileLines, limit: LIMITS.fileLines, key: 'file' });
  }
  const visit = (node) => {
    if (FUNCTION_KINDS.has(node.kind) && node.body) {
      const lines = bodyLines(sourceFile, node.body);
      if (lines > LIMITS.functionLines) {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        const name = functionName(node);
        offenders.push({ file, line, what: `function ${name}`, lines, limit: LIMITS.functionLines, key: name });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return offenders;
}

const isKnown = ({ file, key }) => (KNOWN_OFFENDERS[file] ?? []).includes(key);

/** Known offenders that are within their limits now (or gone). */
function stale(offenders) {
  const seen = new Set(offenders.map(({ file, key }) => `${file}\0${key}`));
  return Object.entries(KNOWN_OFFENDERS).flatMap(([file, keys]) =>
    keys.filter((key) => !seen.has(`${file}\0${key}`)).map((key) => ({ file, key })),
  );
}

function check(root = ROOT) {
  const files = ROOTS.filter((dir) => fs.existsSync(path.join(root, dir)))
    .flatMap((dir) => productionFiles(root, dir))
    .filter((file) => !(file in DATA_FILES) && !TEST_PROJECTS.some((project) => file.startsWith(project)));
  const offenders = files.flatMap((file) => measure(file, fs.readFileSync(path.join(root, file), 'utf8')));
  return { files: files.length, offenders, failing: offenders.filter((o) => !isKnown(o)), stale: stale(offenders) };
}

const describe = (o) => `  ${o.file}:${o.line}  ${o.what}: ${o.lines} lines (limit ${o.limit})`;

function main() {
  const result = check();
  if (process.argv.includes('--json')) return console.log(JSON.stringify(result, null, 2));
  const known = result.offenders.filter(isKnown);
  if (known.length)
    console.log(`${known.length} known offender(s), being split (KNOWN_OFFENDERS):\n${known.map(describe).join('\n')}`);
  for (const { file, key } of result.stale) {
    console.log(`  within its limit now, take it off KNOWN_OFFENDERS: ${file} ${key}`);
  }
  if (result.failing.length) {
    console.error(`\n${result.failing.length} over the size limits (split it into named steps or files):`);
    console.error(result.failing.map(describe).join('\n'));
    process.exit(1);
  }
  console.log(`${result.files} production files within the limits (or known).`);
}

module.exports = { LIMITS, measure, check, productionFiles };

if (require.main === module) main();
