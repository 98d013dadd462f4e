const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a policy duration such as "4h", "72h", "5d", "30m", "2s" or "500ms" into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration (use e.g. 4h, 72h, 5d, 30m, 2s)`);
  const ms = Number(match[1]) * UNITS[match[2]];
  if (ms <= 0) throw new Error(`"${text}" must be longer than zero`);
  return Math.round(ms);
}
