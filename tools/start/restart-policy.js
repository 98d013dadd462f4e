// When a supervised process that died is started again: after 1 s, doubling with each death within
// the window up to 10 s; more than 5 deaths within 60 s is a crash loop, and restarting it again
// would only hide the cause.
'use strict';

const RESTART_POLICY = { firstDelayMs: 1000, maxDelayMs: 10_000, windowMs: 60_000, maxDeathsInWindow: 5 };

/**
 * `deaths`: the times (ms) this process died, the latest last. Answers `{ restartInMs }` or
 * `{ giveUp: reason }`.
 */
function afterDeath(deaths, policy = RESTART_POLICY) {
  const latest = deaths[deaths.length - 1];
  const recent = deaths.filter((t) => latest - t < policy.windowMs).length;
  if (recent > policy.maxDeathsInWindow) {
    return { giveUp: `it died ${recent} times within ${policy.windowMs / 1000} s` };
  }
  return { restartInMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (recent - 1)) };
}

module.exports = { afterDeath, RESTART_POLICY };
