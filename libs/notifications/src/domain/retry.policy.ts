export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** attempts in total, the first included */
  maxAttempts: number;
}

export type RetryDecision = { retry: true; at: Date } | { retry: false };

/**
 * After a transient failure of attempt number `attempts` (1-based): exponential backoff with
 * ±20 % jitter, until the attempts are used up.
 */
export function nextRetry(
  attempts: number,
  policy: RetryPolicy,
  now: Date,
  random: () => number = Math.random,
): RetryDecision {
  if (attempts >= policy.maxAttempts) return { retry: false };
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1)) * (0.8 + random() * 0.4);
  return { retry: true, at: new Date(now.getTime() + delay) };
}

/** What a channel reports when a send did not go through. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** HTTP answers a retry cannot fix: 4xx except timeouts and rate limits. */
export const isPermanentHttpStatus = (status: number): boolean =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;
