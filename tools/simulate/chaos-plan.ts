import { Prng } from './prng';

/** What `--chaos` may do: kill service instances, restart one Kafka broker, restart the store. */
export const CHAOS_KINDS = ['services', 'broker', 'store'] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];

export interface ChaosSettings {
  /** the pause before each action, drawn uniformly from [min, max] ms */
  intervalMs: readonly [number, number];
  /** the run does not end before this many rounds (every instance once, plus broker and store in the first) */
  rounds: number;
  skip: ReadonlySet<ChaosKind>;
  /** how long a killed instance may take to come back (new pid, ready) */
  restartTimeoutMs: number;
  /** how long the killed broker stays down */
  brokerDownMs: number;
  /** at most this many actions under way at once (1: each target back before the next pause) */
  overlap: number;
}

/** One step of the plan: an instance to kill (`service#instance`), or the once-per-run broker and store. */
export type ChaosStep = { kind: 'kill'; target: string } | { kind: 'broker' } | { kind: 'store' };

export const instanceKey = (i: { service: string; instance: number }) => `${i.service}#${i.instance}`;

/** Fisher–Yates with the seeded generator: the same seed, the same order. */
export function shuffled<T>(prng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * One round: every instance once in a random order (so that a short run still hits each service),
 * and in the first round the broker and store restarts at random places among them (early, while
 * the load is on).
 */
export function planRound(
  prng: Prng,
  instances: readonly string[],
  firstRound: boolean,
  skip: ReadonlySet<ChaosKind>,
): ChaosStep[] {
  const steps: ChaosStep[] = skip.has('services')
    ? []
    : shuffled(prng, [...instances].sort()).map((target) => ({ kind: 'kill', target }));
  if (!firstRound) return steps;
  for (const kind of ['broker', 'store'] as const) {
    if (skip.has(kind)) continue;
    steps.splice(prng.int(Math.min(1, steps.length), steps.length), 0, { kind });
  }
  return steps;
}

/** `--chaos-interval 20-40` (seconds) → [20000, 40000] ms; undefined when malformed. */
export function parseInterval(raw: string): [number, number] | undefined {
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(raw.trim());
  if (!match) return undefined;
  const min = Number(match[1]) * 1000;
  const max = match[2] === undefined ? min : Number(match[2]) * 1000;
  return max >= min ? [min, max] : undefined;
}

/** `--chaos-skip store,broker` → the kinds; undefined when one is unknown. */
export function parseSkip(raw: string): Set<ChaosKind> | undefined {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.some((n) => !(CHAOS_KINDS as readonly string[]).includes(n))) return undefined;
  return new Set(names as ChaosKind[]);
}
