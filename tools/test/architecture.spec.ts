// The layer check of `npm test` (dependency-cruiser with .dependency-cruiser.cjs, run by tools/test.js)
// fails on the imports the architecture forbids, proven on a throw-away tree, and passes on this one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
}

/** The violations of the layer rules in `roots` (paths relative to cwd; node_modules shortened). */
function cruise(cwd: string, roots: string[]): Violation[] {
  const res = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'json', ...roots], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!res.stdout) throw new Error(`depcruise printed nothing: ${res.stderr}`);
  const violations: Violation[] = JSON.parse(res.stdout).summary.violations;
  return violations.map((v) => ({ ...v, to: v.to.replace(/^.*\/node_modules\//, 'node_modules/') }));
}

/** What `npm test` runs (tools/test.js): its exit status and its message. */
function check(cwd: string, roots: string[]): { status: number | null; output: string } {
  const res = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'err-long', ...roots], {
    cwd,
    encoding: 'utf8',
  });
  return { status: res.status, output: res.stdout + res.stderr };
}

/** A minimal workspace (aliases in its tsconfig.json, this repo's node_modules) with `files` in it. */
function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appliance-care-layers-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const paths = {
    '@appliance-care/kernel': ['libs/kernel/src/index.ts'],
    '@appliance-care/platform': ['libs/platform/src/index.ts'],
    '@appliance-care/messaging': ['libs/messaging/src/index.ts'],
  };
  const base = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths } }),
    'libs/kernel/src/index.ts': 'export class DomainError extends Error {}\n',
    'libs/platform/src/index.ts': 'export const platform = 1;\n',
    'libs/messaging/src/index.ts': 'export const messaging = 1;\n',
    'libs/billing/src/index.ts': 'export const invoice = 1;\n',
    'libs/shop/src/domain/order.ts':
      "import { DomainError } from '@appliance-care/kernel';\nexport class OrderError extends DomainError {}\n",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const broken = (violations: Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('layer check (dependency-cruiser)', () => {
  const dirs: string[] = [];
  const newWorkspace = (files: Record<string, string> = {}) => {
    const dir = workspace(files);
    dirs.push(dir);
    return dir;
  };
  const inWorkspace = (files: Record<string, string> = {}) => cruise(newWorkspace(files), ['libs']);
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('passes a domain that imports only the kernel', () => {
    expect(check(newWorkspace(), ['libs']).status).toBe(0);
  });

  it('fails a domain file importing Nest, mongoose (even a type), kafkajs, the platform or messaging', () => {
    const violations = inWorkspace({
      'libs/shop/src/domain/nest.ts': "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
      'libs/shop/src/domain/store.ts': "import type { Model } from 'mongoose';\nexport type M = Model<unknown>;\n",
      'libs/shop/src/domain/broker.ts': "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
      'libs/shop/src/domain/errors.ts':
        "import { platform } from '@appliance-care/platform';\nexport const p = platform;\n",
      'libs/shop/src/domain/events.ts':
        "import { messaging } from '@appliance-care/messaging';\nexport const m = messaging;\n",
    });
    expect(broken(violations)).toEqual([
      'domain-imports-a-framework: libs/shop/src/domain/broker.ts → node_modules/kafkajs/index.js',
      'domain-imports-a-framework: libs/shop/src/domain/nest.ts → node_modules/@nestjs/common/index.js',
      'domain-imports-a-framework: libs/shop/src/domain/store.ts → node_modules/mongoose/index.js',
      'domain-imports-platform-or-messaging: libs/shop/src/domain/errors.ts → libs/platform/src/index.ts',
      'domain-imports-platform-or-messaging: libs/shop/src/domain/events.ts → libs/messaging/src/index.ts',
      'kafka-outside-messaging: libs/shop/src/domain/broker.ts → node_modules/kafkajs/index.js',
    ]);
  });

  it('fails a domain file reaching into application or persistence, and a use case touching mongoose', () => {
    const violations = inWorkspace({
      'libs/shop/src/persistence/order.schema.ts': 'export const ORDER_MODEL = "Order";\n',
      'libs/shop/src/domain/policy.ts':
        "import { ORDER_MODEL } from '../persistence/order.schema';\nexport const m = ORDER_MODEL;\n",
      'libs/shop/src/application/order-view.ts':
        "import type { HydratedDocument } from 'mongoose';\nexport type V = HydratedDocument<object>;\n",
      'libs/shop/src/application/place-order.ts':
        "import { InjectModel } from '@nestjs/mongoose';\nexport const i = InjectModel;\n",
    });
    expect(broken(violations)).toEqual([
      'application-imports-mongoose: libs/shop/src/application/order-view.ts → node_modules/mongoose/index.js',
      'application-injects-a-model: libs/shop/src/application/place-order.ts → node_modules/@nestjs/mongoose/dist/index.js',
      'domain-imports-application-or-persistence: libs/shop/src/domain/policy.ts → libs/shop/src/persistence/order.schema.ts',
    ]);
  });

  it('fails the kernel importing anything, a package or another lib', () => {
    const violations = inWorkspace({
      'libs/kernel/src/index.ts':
        "import { z } from 'zod';\nimport { platform } from '@appliance-care/platform';\nexport const k = [z, platform];\n",
    });
    expect(broken(violations)).toEqual([
      'kernel-imports-something: libs/kernel/src/index.ts → libs/platform/src/index.ts',
      'kernel-imports-something: libs/kernel/src/index.ts → node_modules/zod/index.cjs',
    ]);
  });

  it('fails kafkajs outside libs/messaging, in a service or its lib', () => {
    const violations = inWorkspace({
      'libs/shop/src/application/notify.ts': "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
      'libs/messaging/src/relay.ts': "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
      'libs/shop/src/application/notify.spec.ts': "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
    });
    expect(broken(violations)).toEqual([
      'kafka-outside-messaging: libs/shop/src/application/notify.ts → node_modules/kafkajs/index.js',
    ]);
  });

  it('fails a relative import that leaves its project, not one by the alias', () => {
    const violations = inWorkspace({
      'libs/shop/src/checkout.ts': "import { invoice } from '../../billing/src/index';\nexport const i = invoice;\n",
      'libs/shop/src/basket.ts': "import { platform } from '@appliance-care/platform';\nexport const p = platform;\n",
    });
    expect(broken(violations)).toEqual([
      'relative-import-leaves-its-project: libs/shop/src/checkout.ts → libs/billing/src/index.ts',
    ]);
  });

  it("fails the console's browser app importing a lib or the console server, not its own files or npm packages", () => {
    const violations = cruise(
      newWorkspace({
        'apps/console/server/config.ts': 'export const secret = 1;\n',
        'apps/console/src/board.tsx':
          "import { platform } from '@appliance-care/platform';\nexport const p = platform;\n",
        'apps/console/src/config.ts': "import { secret } from '../server/config';\nexport const s = secret;\n",
        'apps/console/src/api.ts':
          "import { z } from 'zod';\nimport { s } from './config';\nexport const a = [z, s];\n",
      }),
      ['apps'],
    );
    expect(broken(violations)).toEqual([
      'console-app-imports-outside-itself: apps/console/src/board.tsx → libs/platform/src/index.ts',
      'console-app-imports-outside-itself: apps/console/src/config.ts → apps/console/server/config.ts',
    ]);
  });

  it('fails npm test with the rule, the import and why, when a domain file imports @nestjs/common', () => {
    const dir = newWorkspace({ 'libs/shop/src/domain/nest.ts': "import { Injectable } from '@nestjs/common';\n" });
    const { status, output } = check(dir, ['libs']);
    expect(status).not.toBe(0);
    expect(output).toContain('error domain-imports-a-framework: libs/shop/src/domain/nest.ts →');
    expect(output.replace(/\s+/g, ' ')).toContain('plain TypeScript tested without Nest, Kafka or Mongo');
  });

  it('passes this workspace', () => {
    expect(broken(cruise(ROOT, ['apps', 'libs', 'tools']).filter((v) => v.rule.severity === 'error'))).toEqual([]);
  });
});
