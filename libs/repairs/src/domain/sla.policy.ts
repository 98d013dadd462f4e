import { Severity } from '@appliance-care/contracts';

import { SlaPolicy } from '../config/repairs-policy.config';

/** When a ticket opened at `openedAt` with this severity must be completed. */
export function slaDueAt(policy: SlaPolicy, severity: Severity, openedAt: Date): Date {
  return new Date(openedAt.getTime() + policy.dueMs[severity]);
}

/** The due time once a pause ends: pushed back by exactly the time the clock stood still. */
export function resumedDueAt(dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  return new Date(dueAt.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
}

/** Breached when the due time has come and the clock is running (a paused clock never breaches). */
export function isSlaBreached(dueAt: Date, now: Date, pausedAt?: Date): boolean {
  return pausedAt === undefined && now.getTime() >= dueAt.getTime();
}
