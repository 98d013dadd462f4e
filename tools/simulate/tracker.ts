import { percentile } from '../bench/bench-kit';

/**
 * The simulator's bookkeeping, free of Kafka and HTTP: stage latencies, and the notifications the
 * run expects against those it saw, to tell lost from duplicated.
 */
const STAGES = {
  purchaseToScheduled: 'purchase → installation scheduled',
  scheduledToCompleted: 'scheduled → installed (simulated technician)',
  faultToCase: 'fault → case opened',
  caseToTicket: 'case → ticket opened',
  ticketToAssigned: 'ticket → assigned',
  caseToAssigned: 'case → ticket assigned',
  ticketToCompleted: 'ticket → repaired',
  partsRequestedToArrived: 'parts on order → arrived (warehouse)',
  maintenanceDueToCompleted: 'maintenance due → visit completed',
  eventToNotification: 'event → notification sent',
} as const;
export type Stage = keyof typeof STAGES;

export interface NotificationOutcome {
  /** the CloudEvent id of the notification.sent/failed event (a redelivery repeats it) */
  eventId: string;
  outcome: 'sent' | 'failed';
  notificationId: string;
  sourceEventId: string;
  recipientId: string;
  channel: string;
  /** sentAt or failedAt */
  at: string;
}

export interface NotificationTotals {
  expected: number;
  sent: number;
  failed: number;
  /** the same notification (id) or the same (event, recipient, channel) delivered more than once */
  duplicates: number;
  /** the broker delivered the same outcome event again: harmless, not a second notification */
  redelivered: number;
  /** expected and never sent nor failed */
  lost: number;
  /** sent, but no rule of ours expected it (e.g. another channel such as SMS when configured) */
  unexpected: number;
  /** outcomes of notifications allowed but not expected (reminders a booking may bring, mayAlso channels) */
  allowed: number;
}

/**
 * Who an event should reach; `aliases`: other recipient ids that count as this one (a team's route);
 * `mayAlso`: channels allowed but not expected (a technician whose contacts the run does not know).
 */
export interface TrackedTarget {
  recipientId: string;
  channels: readonly string[];
  aliases?: readonly string[];
  mayAlso?: readonly string[];
}

/** bench-kit's nearest-rank percentile, undefined (not NaN) for a stage nothing reached. */
function percentileOf(values: readonly number[], p: number): number | undefined {
  return values.length === 0 ? undefined : percentile(values, p);
}

const slot = (sourceEventId: string, recipientId: string, channel: string) =>
  `${sourceEventId}|${recipientId}|${channel}`;

export class Tracker {
  private readonly samples = new Map<Stage, number[]>();
  private readonly eventTimes = new Map<string, number>();
  private readonly expected = new Set<string>();
  /** may come, need not: neither lost when absent nor unexpected when present */
  private readonly allowedSlots = new Set<string>();
  /** sources of allowed notifications that go long after them by design (reminders) */
  private readonly laterSources = new Set<string>();
  /** a slot under another recipient id that counts as an expected one → that expected slot */
  private readonly aliasOf = new Map<string, string>();
  private readonly outcomeEvents = new Set<string>();
  /** notificationId → outcome */
  private readonly byNotification = new Map<string, NotificationOutcome>();
  /** (event, recipient, channel) → notificationId */
  private readonly bySlot = new Map<string, string>();
  private readonly pendingLatency: NotificationOutcome[] = [];
  private totals = { sent: 0, failed: 0, duplicates: 0, redelivered: 0 };

  record(stage: Stage, fromIso: string | number | undefined, toIso: string | number | undefined): void {
    if (fromIso === undefined || toIso === undefined) return;
    const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
    if (!Number.isFinite(ms)) return;
    const list = this.samples.get(stage) ?? [];
    list.push(Math.max(0, ms));
    this.samples.set(stage, list);
  }

  /** An event of the run that the rules say should reach these recipients on these channels. */
  expect(sourceEventId: string, eventTime: string, targets: readonly TrackedTarget[]): void {
    this.eventTimes.set(sourceEventId, Date.parse(eventTime));
    for (const t of targets) {
      for (const c of t.channels) {
        const expected = slot(sourceEventId, t.recipientId, c);
        this.expected.add(expected);
        for (const alias of t.aliases ?? []) this.alias(slot(sourceEventId, alias, c), expected);
      }
      for (const c of t.mayAlso ?? []) this.allowedSlots.add(slot(sourceEventId, t.recipientId, c));
    }
    this.settlePending(sourceEventId, (o) => this.latency(o));
  }

  /** Notifications that may follow (a reminder of a booking): counted when they come, never missed. */
  allow(sourceEventId: string, targets: readonly TrackedTarget[]): void {
    for (const t of targets) for (const c of t.channels) this.allowedSlots.add(slot(sourceEventId, t.recipientId, c));
    this.laterSources.add(sourceEventId);
    this.settlePending(sourceEventId, () => undefined);
  }

  /** Outcomes that overtook their source event (they travel on another topic). */
  private settlePending(sourceEventId: string, settle: (o: NotificationOutcome) => void): void {
    for (let i = this.pendingLatency.length - 1; i >= 0; i--) {
      const o = this.pendingLatency[i];
      if (o.sourceEventId !== sourceEventId) continue;
      this.pendingLatency.splice(i, 1);
      settle(o);
    }
  }

  /** From now on `aliasSlot` is `expected`; an outcome already seen under it moves over. */
  private alias(aliasSlot: string, expected: string): void {
    this.aliasOf.set(aliasSlot, expected);
    const id = this.bySlot.get(aliasSlot);
    if (id === undefined) return;
    this.bySlot.delete(aliasSlot);
    const held = this.bySlot.get(expected);
    if (held === undefined || held === id) return void this.bySlot.set(expected, id);
    // both the team and its route were told: one notification too many
    this.totals[this.byNotification.get(id)!.outcome]--;
    this.totals.duplicates++;
  }

  notification(o: NotificationOutcome): void {
    if (this.outcomeEvents.has(o.eventId)) {
      this.totals.redelivered++;
      return;
    }
    this.outcomeEvents.add(o.eventId);
    const raw = slot(o.sourceEventId, o.recipientId, o.channel);
    const key = this.aliasOf.get(raw) ?? raw;
    const before = this.byNotification.get(o.notificationId);
    const sameSlot = this.bySlot.get(key);
    // a failure followed by nothing else is one notification; anything arriving twice is a duplicate
    if (before || (sameSlot !== undefined && sameSlot !== o.notificationId)) {
      this.totals.duplicates++;
      return;
    }
    this.byNotification.set(o.notificationId, o);
    this.bySlot.set(key, o.notificationId);
    this.totals[o.outcome]++;
    if (o.outcome === 'sent') this.latency(o);
  }

  private latency(o: NotificationOutcome): void {
    // a reminder goes hours after its booking by design: not a delay
    if (this.laterSources.has(o.sourceEventId)) return;
    const from = this.eventTimes.get(o.sourceEventId);
    if (from === undefined) {
      this.pendingLatency.push(o);
      return;
    }
    this.record('eventToNotification', from, o.at);
  }

  /** How many outcome events arrived (redeliveries included): progress for the drain. */
  outcomes(): number {
    return this.outcomeEvents.size + this.totals.redelivered;
  }

  /** Expected slots with no outcome yet. */
  missing(): string[] {
    return [...this.expected].filter((s) => !this.bySlot.has(s));
  }

  /** Outcomes no rule of ours expected nor allowed (event|recipient|channel). */
  unexpected(): string[] {
    return [...this.bySlot.keys()].filter((s) => !this.expected.has(s) && !this.allowedSlots.has(s));
  }

  notificationTotals(): NotificationTotals {
    const unexpected = this.unexpected().length;
    const allowed = [...this.bySlot.keys()].filter((s) => this.allowedSlots.has(s)).length;
    return { expected: this.expected.size, ...this.totals, lost: this.missing().length, unexpected, allowed };
  }

  stageSummary(): { stage: Stage; label: string; count: number; p50?: number; p99?: number }[] {
    return (Object.keys(STAGES) as Stage[]).map((stage) => {
      const values = this.samples.get(stage) ?? [];
      return {
        stage,
        label: STAGES[stage],
        count: values.length,
        p50: percentileOf(values, 50),
        p99: percentileOf(values, 99),
      };
    });
  }
}
