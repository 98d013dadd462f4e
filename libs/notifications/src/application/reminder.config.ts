import { NotificationChannel, notificationChannelSchema } from '@appliance-care/contracts';

/** Reminders before appointments (REMINDER_LEAD_HOURS, REMINDER_SWEEP_MS). */
export interface ReminderConfig {
  /** how long before an appointment's start each channel reminds; a channel not listed sends no reminder */
  leadMs: Partial<Record<NotificationChannel, number>>;
  /** how often the sweeper looks for due reminders */
  sweepMs: number;
  /** due reminders handed over per sweep round */
  batchSize: number;
}

export const DEFAULT_REMINDER_LEADS = 'email:24,sms:24,in-app:24';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };

/**
 * `email:24,sms:2` — hours per channel; `30m`, `90s` or `2h` name the unit (tests use seconds).
 * Refuses an unknown channel or a lead that is not a positive number, naming the entry.
 */
export function parseReminderLeads(value: string, variable = 'REMINDER_LEAD_HOURS'): ReminderConfig['leadMs'] {
  const leads: ReminderConfig['leadMs'] = {};
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [channel, amount] = entry.split(':').map((p) => p.trim());
    const match = /^(\d+(?:\.\d+)?)([hms]?)$/.exec(amount ?? '');
    const parsedChannel = notificationChannelSchema.safeParse(channel);
    if (!parsedChannel.success || !match || Number(match[1]) <= 0)
      throw new Error(`${variable}: "${entry}" must be <channel>:<hours> (channels: email, sms, webhook, in-app)`);
    leads[parsedChannel.data] = Math.round(Number(match[1]) * UNIT_MS[match[2] || 'h']);
  }
  return leads;
}

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

export function loadReminderConfig(env: NodeJS.ProcessEnv): ReminderConfig {
  return {
    leadMs: parseReminderLeads(env['REMINDER_LEAD_HOURS'] || DEFAULT_REMINDER_LEADS),
    sweepMs: positive(env['REMINDER_SWEEP_MS'], 5000),
    batchSize: positive(env['REMINDER_BATCH_SIZE'], 200),
  };
}
