import { EventEnvelope } from '@appliance-care/contracts';
import { matchRules, NotificationRule, NotificationTarget } from '@appliance-care/notification-rules';

/** Who should hear of an event on which channels; `aliases` are other ids that count as this recipient. */
export interface ExpectedTarget {
  recipientId: string;
  channels: readonly string[];
  aliases?: readonly string[];
  /** channels they may also be told on, or not: contacts the simulator does not know */
  mayAlso?: readonly string[];
}

/** What the services are configured with, as far as the expectations depend on it. */
export interface ExpectationSettings {
  /** technician id → whether they have an email address (seeded and hired technicians); others: unknown */
  technicianEmail: ReadonlyMap<string, boolean>;
  /** channel → how long before an appointment its reminder goes (REMINDER_LEAD_HOURS) */
  reminderLeadMs: Readonly<Partial<Record<string, number>>>;
}

/** The notifications service's default (libs/notifications reminder.config.ts DEFAULT_REMINDER_LEADS). */
const DEFAULT_REMINDER_LEADS = 'email:24,sms:24,in-app:24';
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };

/**
 * REMINDER_LEAD_HOURS as the notifications service reads it (`email:24,in-app:30m`, hours unless a
 * unit h/m/s is given). tools/ may import only shared libs, not the service's lib, hence this reading
 * of the same variable; a value the service would refuse is refused here too, naming it.
 */
export function reminderLeads(env: NodeJS.ProcessEnv): Partial<Record<string, number>> {
  const leads: Partial<Record<string, number>> = {};
  const entries = (env['REMINDER_LEAD_HOURS'] || DEFAULT_REMINDER_LEADS).split(',').map((e) => e.trim());
  for (const entry of entries.filter(Boolean)) {
    const [channel, amount] = entry.split(':').map((p) => p.trim());
    const match = /^(\d+(?:\.\d+)?)([hms]?)$/.exec(amount ?? '');
    if (!channel || !match || Number(match[1]) <= 0)
      throw new Error(`REMINDER_LEAD_HOURS: "${entry}" must be <channel>:<hours>`);
    leads[channel] = Math.round(Number(match[1]) * UNIT_MS[match[2] || 'h']);
  }
  return leads;
}

/** Simulated customers have an email address and no phone (nor a webhook). */
const CUSTOMER_CHANNELS = ['in-app', 'email'] as const;

/**
 * A team's route as part of its recipient id (`dispatch-team:london`): the notifications service's
 * routeKey (libs/notifications team-routing.policy.ts), which tools/ cannot import.
 */
const routeKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * The bookings a customer is reminded of (libs/notifications appointment-booking.policy.ts BOOKINGS),
 * written as rules so that the rules' own matcher picks the customer out of the event.
 */
const REMINDED_BOOKINGS: readonly NotificationRule[] = [
  {
    eventType: 'installation.scheduled.v1',
    recipient: { kind: 'customer', idField: 'customerId' },
    template: 'appointment-reminder',
    urgency: 'normal',
  },
  {
    eventType: 'work-order.assigned.v1',
    recipient: { kind: 'customer', idField: 'customerId' },
    template: 'appointment-reminder',
    urgency: 'normal',
    when: [{ field: 'kind', in: ['diagnostic-visit', 'repair', 'maintenance'] }],
  },
];

/** The source event id a reminder's notification names (libs/notifications reminder.sweeper.ts reminderSource). */
export const reminderSourceId = (bookingEventId: string): string => `${bookingEventId}:reminder`;

/**
 * What the run expects to be told, from the notification rules (libs/notification-rules, the same
 * table the notifications service plans with) and the services' configuration: the targets of every
 * event, and the reminders a booking may bring.
 */
export class NotificationExpectations {
  constructor(private readonly settings: ExpectationSettings) {}

  /** Every target the rules give the event, on the channels that recipient can be reached on. */
  targets(event: Pick<EventEnvelope, 'type' | 'data'>): ExpectedTarget[] {
    return matchRules(event.type, event.data).map((target) => this.expected(target));
  }

  /**
   * The reminders a booking may bring (one per channel with a lead), when it was made more than the
   * lead ahead of the appointment. Allowed rather than expected: most fall due after the run, and a
   * move, cancellation or the customer's quiet hours change whether and when one goes.
   */
  reminders(event: Pick<EventEnvelope, 'type' | 'data' | 'time'>): ExpectedTarget[] {
    const from = Date.parse(String((event.data as { window?: { from?: unknown } }).window?.from));
    const bookedAt = Date.parse(event.time);
    if (!Number.isFinite(from) || !Number.isFinite(bookedAt)) return [];
    const channels = CUSTOMER_CHANNELS.filter((c) => {
      const lead = this.settings.reminderLeadMs[c];
      return lead !== undefined && from - lead > bookedAt;
    });
    if (!channels.length) return [];
    return matchRules(event.type, event.data, REMINDED_BOOKINGS).map((t) => ({ recipientId: t.recipientId, channels }));
  }

  private expected(target: NotificationTarget): ExpectedTarget {
    switch (target.recipientKind) {
      case 'customer':
        return { recipientId: target.recipientId, channels: CUSTOMER_CHANNELS };
      case 'technician': {
        const email = this.settings.technicianEmail.get(target.recipientId);
        if (email === undefined) return { recipientId: target.recipientId, channels: ['in-app'], mayAlso: ['email'] };
        return { recipientId: target.recipientId, channels: email ? ['in-app', 'email'] : ['in-app'] };
      }
      default:
        // a team has the address of its configuration (DISPATCH_TEAM_EMAIL has a default); the event's
        // region picks the region's team when DISPATCH_TEAM_ROUTES names it, else the team hears itself
        return {
          recipientId: target.recipientId,
          channels: ['in-app', 'email'],
          ...(target.route ? { aliases: [`${target.recipientId}:${routeKey(target.route)}`] } : {}),
        };
    }
  }
}
