/** What one step of the capacity run measured. */
export interface StepMeasure {
  rate: number;
  /** p99 of each stage that something reached, in ms */
  p99s: Readonly<Record<string, number | undefined>>;
  /** every service's lag, summed, sampled through the sending phase (in order) */
  lagSamples: readonly number[];
  /** lifecycles that did not finish, notifications lost or duplicated */
  unfinished: number;
  lost: number;
  duplicated: number;
}

export interface StepVerdict {
  keptUp: boolean;
  reason: string;
}

/** The bound every stage's p99 must stay under. */
export const P99_BOUND_MS = 5000;

/**
 * Lag grows when the last third of the sending phase holds more than the first third did, by more than
 * the step's rate (a second of input): a backlog that only rises and falls with bursts does not count.
 */
export function lagGrowing(samples: readonly number[], rate: number): boolean {
  if (samples.length < 3) return false;
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(samples.slice(-third)) - mean(samples.slice(0, third)) > Math.max(rate, 10);
}

/** A rate is kept up with when every stage's p99 is under 5 s, the lag is not growing and nothing went missing. */
export function judgeStep(step: StepMeasure): StepVerdict {
  const slow = Object.entries(step.p99s).filter(([, p99]) => p99 !== undefined && p99 >= P99_BOUND_MS);
  if (slow.length)
    return {
      keptUp: false,
      reason: `p99 ≥ 5 s: ${slow.map(([s, p]) => `${s} ${(p! / 1000).toFixed(1)} s`).join(', ')}`,
    };
  if (lagGrowing(step.lagSamples, step.rate)) return { keptUp: false, reason: 'consumer lag growing' };
  if (step.lost || step.duplicated)
    return { keptUp: false, reason: `${step.lost} lost, ${step.duplicated} duplicated` };
  if (step.unfinished) return { keptUp: false, reason: `${step.unfinished} lifecycles unfinished` };
  return { keptUp: true, reason: 'every p99 < 5 s, lag not growing' };
}

/** The capacity: the highest rate kept up with, below the first that was not (steps in rising order). */
export function capacityOf(steps: readonly { rate: number; verdict: StepVerdict }[]): number | undefined {
  let capacity: number | undefined;
  for (const step of steps) {
    if (!step.verdict.keptUp) break;
    capacity = step.rate;
  }
  return capacity;
}
