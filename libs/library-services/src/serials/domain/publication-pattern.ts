import { PublicationPattern } from '@appliance-care/contracts';
import { addCalendarMonths } from '@appliance-care/kernel';

export const DAY_MS = 86_400_000;

/** One issue the pattern predicts: where it sits in the run (volume, number) and when it should come. */
export interface PredictedIssue {
  volume: number;
  number: number;
  /** YYYY-MM-DD (UTC) */
  expectedOn: string;
}

/** Months between two issues; weekly counts days instead. */
const MONTHS_APART: Record<Exclude<PublicationPattern['frequency'], 'weekly'>, number> = {
  monthly: 1,
  bimonthly: 2,
  quarterly: 3,
  annual: 12,
};

/**
 * The most issues a prediction lists: a weekly title started twenty years back is about a thousand,
 * so the bound only stops a mistyped first date from making a view or a sweep unbounded.
 */
export const MAX_PREDICTED_ISSUES = 2_000;

/**
 * The expected date of the issue at `sequence` (0 = issue 1 of volume 1). Each date is counted from
 * the first expected date, never from the previous issue, so a short month clamps one issue only
 * (31 January, 28 February, 31 March …), as Koha's prediction does.
 */
export function expectedOnAt(pattern: PublicationPattern, sequence: number): string {
  const first = `${pattern.firstExpectedOn}T00:00:00.000Z`;
  if (pattern.frequency === 'weekly')
    return new Date(Date.parse(first) + sequence * 7 * DAY_MS).toISOString().slice(0, 10);
  return addCalendarMonths(first, sequence * MONTHS_APART[pattern.frequency]).slice(0, 10);
}

/** The issue at `sequence` (0-based, across volumes). */
export function predictedIssue(pattern: PublicationPattern, sequence: number): PredictedIssue {
  return {
    volume: Math.floor(sequence / pattern.issuesPerVolume) + 1,
    number: (sequence % pattern.issuesPerVolume) + 1,
    expectedOn: expectedOnAt(pattern, sequence),
  };
}

/** Where an issue sits in the run; undefined for one the pattern does not predict (a number past the volume's issues). */
export function sequenceOf(pattern: PublicationPattern, volume: number, number: number): number | undefined {
  if (!Number.isInteger(volume) || !Number.isInteger(number) || volume < 1 || number < 1) return undefined;
  if (number > pattern.issuesPerVolume) return undefined;
  return (volume - 1) * pattern.issuesPerVolume + number - 1;
}

/**
 * The issues from the first one through the end of the volume holding the last issue expected on or
 * before `through` (YYYY-MM-DD), or through the end of `atLeastVolume` if that is later: what a
 * subscription's view shows (the past, the current volume, what is still to come in it).
 */
export function predictThrough(pattern: PublicationPattern, through: string, atLeastVolume = 1): PredictedIssue[] {
  let last = 0;
  while (last + 1 < MAX_PREDICTED_ISSUES && expectedOnAt(pattern, last + 1) <= through) last += 1;
  const volumes = Math.max(predictedIssue(pattern, last).volume, atLeastVolume);
  const count = Math.min(volumes * pattern.issuesPerVolume, MAX_PREDICTED_ISSUES);
  return Array.from({ length: count }, (_, sequence) => predictedIssue(pattern, sequence));
}

/** The bindable unit a completed volume becomes (a journal-volume item): stable, so a repeat names the same one. */
export const volumeItemId = (subscriptionId: string, volume: number): string => `VOL-${subscriptionId}-${volume}`;
