import { readFileSync } from 'node:fs';
import { z } from 'zod';

import { Severity } from '@appliance-care/contracts';

import { parseDuration } from './duration';
import { DEFAULT_REPAIRS_POLICY } from './repairs-policy.defaults';

const duration = z.string().refine((s) => {
  try {
    parseDuration(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a duration such as 4h, 72h, 5d, 30m or 2s');
const money = z.number().nonnegative();
const minutes = z.number().int().positive();

const policyInputSchema = z.strictObject({
  sla: z.strictObject({
    due: z.strictObject({ critical: duration, high: duration, medium: duration, low: duration }),
    /** whether the SLA clock stops while the ticket waits for parts */
    pauseWhileAwaitingParts: z.boolean(),
    scanIntervalMs: z.number().int().positive(),
    /** the share of its allowed time after which an open ticket is at risk (repair.sla-at-risk.v1) */
    warningShare: z.number().gt(0).lt(1),
  }),
  /** skill asked of dispatch when the diagnosis names none */
  defaultSkill: z.string().min(1),
  durations: z.strictObject({
    defaultMinutes: minutes,
    byCategory: z.record(z.string(), minutes),
    bySkill: z.record(z.string(), minutes),
  }),
  priceList: z.strictObject({
    currency: z.string().length(3),
    callOutFee: money,
    defaultPartPrice: money,
    parts: z.record(z.string(), money),
    labourRatePerHour: z.strictObject({ default: money, bySkill: z.record(z.string(), money) }),
  }),
});
export type RepairsPolicyInput = z.infer<typeof policyInputSchema>;

export interface SlaPolicy {
  dueMs: Record<Severity, number>;
  pauseWhileAwaitingParts: boolean;
  scanIntervalMs: number;
  warningShare: number;
}

export interface RepairsPolicy extends Omit<RepairsPolicyInput, 'sla'> {
  sla: SlaPolicy;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Overrides replace leaves and merge objects, so an override names only what it changes. */
function mergePolicy(base: Json, override: Json): Json {
  const merged: Json = { ...base };
  for (const [field, value] of Object.entries(override))
    merged[field] = isObject(value) && isObject(merged[field]) ? mergePolicy(merged[field] as Json, value) : value;
  return merged;
}

function parseJson(text: string, origin: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${origin} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(value)) throw new Error(`${origin} must hold a JSON object`);
  return value;
}

export function buildRepairsPolicy(...overrides: Json[]): RepairsPolicy {
  const merged = overrides.reduce(mergePolicy, DEFAULT_REPAIRS_POLICY as unknown as Json);
  const result = policyInputSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid repairs policy: ${issues}`);
  }
  const input = result.data;
  const due = input.sla.due;
  return {
    ...input,
    sla: {
      dueMs: {
        critical: parseDuration(due.critical),
        high: parseDuration(due.high),
        medium: parseDuration(due.medium),
        low: parseDuration(due.low),
      },
      pauseWhileAwaitingParts: input.sla.pauseWhileAwaitingParts,
      scanIntervalMs: input.sla.scanIntervalMs,
      warningShare: input.sla.warningShare,
    },
  };
}

/**
 * The policy from the defaults, then REPAIRS_POLICY_FILE (a JSON file), then REPAIRS_POLICY_JSON
 * (inline JSON), then the single-setting variables REPAIRS_SLA_SCAN_MS, REPAIRS_SLA_PAUSE_ON_PARTS and
 * REPAIRS_SLA_WARNING_SHARE.
 */
export function loadRepairsPolicy(env: NodeJS.ProcessEnv = process.env): RepairsPolicy {
  const overrides: Json[] = [];
  const file = env['REPAIRS_POLICY_FILE'];
  if (file) overrides.push(parseJson(readFileSync(file, 'utf8'), `REPAIRS_POLICY_FILE ${file}`));
  if (env['REPAIRS_POLICY_JSON']) overrides.push(parseJson(env['REPAIRS_POLICY_JSON'], 'REPAIRS_POLICY_JSON'));
  const sla: Json = {};
  if (env['REPAIRS_SLA_SCAN_MS']) sla['scanIntervalMs'] = Number(env['REPAIRS_SLA_SCAN_MS']);
  if (env['REPAIRS_SLA_PAUSE_ON_PARTS']) sla['pauseWhileAwaitingParts'] = env['REPAIRS_SLA_PAUSE_ON_PARTS'] === 'true';
  if (env['REPAIRS_SLA_WARNING_SHARE']) sla['warningShare'] = Number(env['REPAIRS_SLA_WARNING_SHARE']);
  if (Object.keys(sla).length) overrides.push({ sla });
  return buildRepairsPolicy(...overrides);
}
