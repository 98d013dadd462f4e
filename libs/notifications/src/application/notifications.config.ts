import { loadLinkSecret } from '@appliance-care/auth';

import type { HostResolver } from '../channels/webhook-targets';
import { RetryPolicy } from '../domain/retry.policy';
import { TeamDirectory } from '../domain/team-routing.policy';
import { parseWebhookAllowList, WebhookTargetPolicy } from '../domain/webhook-target.policy';
import { LibraryDigestConfig, loadLibraryDigestConfig } from './library-digest.config';
import { loadReminderConfig, ReminderConfig } from './reminder.config';
import { loadTeamDirectory } from './team-directory.config';

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export interface NotificationsConfig {
  smtpUrl: string;
  mailFrom: string;
  /** undefined: no SMS provider configured, SMS is not planned */
  smsApiUrl?: string;
  httpTimeoutMs: number;
  retry: RetryPolicy;
  worker: { batchSize: number; concurrency: number; pollMs: number; leaseMs: number };
  /** how long an event waits for its recipient's event before it is given up */
  recipientWaitMs: number;
  recipientSweepMs: number;
  defaultTimeZone: string;
  /** where recipients' webhooks may point (WEBHOOK_ALLOWED_HOSTS; https only in production) */
  webhook: WebhookTargetPolicy & {
    /** DNS for webhook hosts; the system resolver unless given (tests stand in for DNS with it) */
    resolve?: HostResolver;
  };
  /** signed links in customers' messages (application/message-links.ts) */
  links: {
    /** LINK_SIGNING_SECRET: never the bearer key, required in production */
    secret: string;
    /** where an appointment link goes (dispatch verifies it): `${appointmentUrl}/${token}` */
    appointmentUrl: string;
    /** where a survey link goes (portal verifies it): `${feedbackUrl}/${token}` */
    feedbackUrl: string;
    /** how long a survey link is valid */
    feedbackDays: number;
  };
  /** reminders before appointments (reminder.config.ts) */
  reminders: ReminderConfig;
  /** recipients the rules name by a fixed id — the dispatch team — with their addresses and routes */
  teams: TeamDirectory;
  /** the library supervisors' daily digest (library-digest.config.ts) */
  libraryDigest: LibraryDigestConfig;
}

const nonNegative = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
};

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return {
    smtpUrl: env['SMTP_URL'] || 'smtp://127.0.0.1:1025',
    mailFrom: env['MAIL_FROM'] || 'Appliance Care <no-reply@appliance-care.local>',
    smsApiUrl: env['SMS_API_URL'] || undefined,
    httpTimeoutMs: nonNegative(env['NOTIFY_HTTP_TIMEOUT_MS'], 5000),
    retry: {
      baseMs: nonNegative(env['NOTIFY_RETRY_BASE_MS'], 1000),
      maxMs: nonNegative(env['NOTIFY_RETRY_MAX_MS'], 300_000),
      maxAttempts: nonNegative(env['NOTIFY_MAX_ATTEMPTS'], 8),
    },
    worker: {
      batchSize: nonNegative(env['NOTIFY_BATCH_SIZE'], 100),
      concurrency: nonNegative(env['NOTIFY_CONCURRENCY'], 16),
      pollMs: nonNegative(env['NOTIFY_POLL_MS'], 1000),
      leaseMs: nonNegative(env['NOTIFY_LEASE_MS'], 30_000),
    },
    recipientWaitMs: nonNegative(env['NOTIFY_RECIPIENT_WAIT_MS'], 15 * 60_000),
    recipientSweepMs: nonNegative(env['NOTIFY_RECIPIENT_SWEEP_MS'], 2000),
    defaultTimeZone: env['NOTIFY_DEFAULT_TIMEZONE'] || 'UTC',
    webhook: { ...parseWebhookAllowList(env['WEBHOOK_ALLOWED_HOSTS']), requireHttps: env['NODE_ENV'] === 'production' },
    links: {
      secret: loadLinkSecret(env),
      appointmentUrl: env['APPOINTMENT_LINK_URL'] || 'http://127.0.0.1:3004/api/v1/appointment-links',
      feedbackUrl: env['FEEDBACK_LINK_URL'] || 'http://127.0.0.1:3000/api/v1/feedback-links',
      feedbackDays: nonNegative(env['FEEDBACK_LINK_DAYS'], 30),
    },
    reminders: loadReminderConfig(env),
    teams: loadTeamDirectory(env),
    libraryDigest: loadLibraryDigestConfig(env),
  };
}
