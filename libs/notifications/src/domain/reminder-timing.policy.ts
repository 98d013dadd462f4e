import { quietHoursEnd, quietHoursStart } from './quiet-hours.policy';
import { QuietHours } from './recipient';

const MINUTE_MS = 60_000;

/** When a reminder goes out, or why it does not. */
export type ReminderTime =
  { due: true; dueAt: Date; movedBy?: 'quiet-hours-earlier' | 'quiet-hours-later' } | { due: false; reason: string };

/** Now, or the end of the quiet hours around now when they end before the appointment; else not at all. */
function nowOrAfterQuietHours(now: Date, start: Date, quiet: QuietHours | undefined): ReminderTime {
  const end = quiet ? quietHoursEnd(now, quiet) : undefined;
  if (!end) return { due: true, dueAt: now };
  if (end < start) return { due: true, dueAt: end, movedBy: 'quiet-hours-later' };
  return { due: false, reason: "the recipient's quiet hours last until the appointment starts" };
}

/**
 * When to remind of an appointment starting at `start`, planned when its booking arrives: `leadMs`
 * before the start. A moment inside the recipient's quiet hours moves earlier, to the minute before
 * they begin — for an appointment a customer expects the reminder the evening before, not after the
 * night — and only when that is already past, to their end, never at or after the start. A booking
 * made within the lead time gets none: its booking message has just told the customer.
 */
export function reminderTime(start: Date, leadMs: number, now: Date, quiet?: QuietHours): ReminderTime {
  if (start <= now) return { due: false, reason: 'the appointment has started' };
  const ideal = new Date(start.getTime() - leadMs);
  if (ideal <= now) return { due: false, reason: 'booked within the lead time: the booking message is the reminder' };
  const quietSince = quiet ? quietHoursStart(ideal, quiet) : undefined;
  if (!quietSince) return { due: true, dueAt: ideal };
  const earlier = new Date(quietSince.getTime() - MINUTE_MS);
  if (earlier > now) return { due: true, dueAt: earlier, movedBy: 'quiet-hours-earlier' };
  return nowOrAfterQuietHours(now, start, quiet);
}

/** What the sweeper does with a reminder that has come due. */
export type DueReminderDecision =
  { action: 'send' } | { action: 'wait'; until: Date } | { action: 'drop'; reason: string };

/**
 * A due reminder, checked again when it is sent (the sweeper may be late after a restart, the quiet
 * hours may have changed since it was planned): never at or after the start, never inside quiet
 * hours — then it waits for their end if that is before the start, else it is dropped.
 */
export function dueReminderDecision(now: Date, start: Date, quiet?: QuietHours): DueReminderDecision {
  if (start <= now) return { action: 'drop', reason: 'the appointment has started' };
  const time = nowOrAfterQuietHours(now, start, quiet);
  if (!time.due) return { action: 'drop', reason: time.reason };
  return time.dueAt > now ? { action: 'wait', until: time.dueAt } : { action: 'send' };
}
