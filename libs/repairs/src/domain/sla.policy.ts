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

/**
 * When a pause ends: when the parts arrived as reported, but not before the pause began (a late or
 * replayed report) nor after `now` (a sender's clock ahead of ours); unreported, now.
 */
export function pauseEndedAt(pausedAt: Date, now: Date, reported?: Date): Date {
  if (!reported) return now;
  return new Date(Math.min(now.getTime(), Math.max(pausedAt.getTime(), reported.getTime())));
}

/** Breached when the due time has come and the clock is running (a paused clock never breaches). */
export function isSlaBreached(dueAt: Date, now: Date, pausedAt?: Date): boolean {
  return pausedAt === undefined && now.getTime() >= dueAt.getTime();
}

/** What the SLA clock of a ticket knows: when it started, when it is due, how long it stood still. */
export interface SlaClock {
  openedAt: Date;
  dueAt: Date;
  /** total time paused so far (awaiting parts): the due time was moved on by it */
  pausedMs?: number;
  pausedAt?: Date;
}

/** The clock of a ticket as stored (or as the watcher's projection reads it). */
export function slaClockOf(ticket: {
  openedAt: Date;
  slaDueAt: Date;
  slaPausedMs?: number;
  slaPausedAt?: Date;
}): SlaClock {
  return {
    openedAt: new Date(ticket.openedAt),
    dueAt: new Date(ticket.slaDueAt),
    pausedMs: ticket.slaPausedMs,
    pausedAt: ticket.slaPausedAt && new Date(ticket.slaPausedAt),
  };
}

/**
 * The share of the allowed time (opening → due, pauses excluded) used at `now`, 0..1. The allowed
 * time is the due time minus the opening minus the pauses, so a paused week neither counts as used
 * nor as allowed; a clock paused now is measured up to its pause.
 */
export function slaElapsedShare(clock: SlaClock, now: Date): number {
  const paused = clock.pausedMs ?? 0;
  const allowed = clock.dueAt.getTime() - clock.openedAt.getTime() - paused;
  const until = clock.pausedAt && clock.pausedAt.getTime() < now.getTime() ? clock.pausedAt : now;
  const used = until.getTime() - clock.openedAt.getTime() - paused;
  if (allowed <= 0) return 1;
  return Math.min(1, Math.max(0, used / allowed));
}

export type SlaWarning =
  | { atRisk: true; elapsedShare: number }
  | { atRisk: false; reason: 'paused' | 'below-warning-share' | 'due'; elapsedShare: number };

/**
 * Whether a ticket is at risk: its running clock has used `warningShare` of the allowed time. A
 * paused clock is not at risk (it cannot run out), and a due one is a breach, not a warning.
 */
export function slaWarning(clock: SlaClock, now: Date, warningShare: number): SlaWarning {
  const share = slaElapsedShare(clock, now);
  // the event reports four decimals; the comparison uses the exact share
  const elapsedShare = Math.round(share * 10_000) / 10_000;
  if (clock.pausedAt) return { atRisk: false, reason: 'paused', elapsedShare };
  if (now.getTime() >= clock.dueAt.getTime()) return { atRisk: false, reason: 'due', elapsedShare };
  if (share < warningShare) return { atRisk: false, reason: 'below-warning-share', elapsedShare };
  return { atRisk: true, elapsedShare };
}
