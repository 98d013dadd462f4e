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
  ticketToCompleted: 'ticket → repaired',
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
  expect(
    sourceEventId: string,
    eventTime: string,
    targets: readonly { recipientId: string; channels: readonly string[] }[],
  ): void {
    this.eventTimes.set(sourceEventId, Date.parse(eventTime));
    for (const t of targets) for (const c of t.channels) this.expected.add(slot(sourceEventId, t.recipientId, c));
    // outcomes that overtook their source event (they travel on another topic)
    for (let i = this.pendingLatency.length - 1; i >= 0; i--) {
      const o = this.pendingLatency[i];
      if (o.sourceEventId !== sourceEventId) continue;
      this.pendingLatency.splice(i, 1);
      this.latency(o);
    }
  }

  notification(o: NotificationOutcome): void {
    if (this.outcomeEvents.has(o.eventId)) {
      this.totals.redelivered++;
      return;
    }
    this.outcomeEvents.add(o.eventId);
    const key = slot(o.sourceEventId, o.recipientId, o.channel);
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

  /** Outcomes no rule of ours expected (event|recipient|channel). */
  unexpected(): string[] {
    return [...this.bySlot.keys()].filter((s) => !this.expected.has(s));
  }

  notificationTotals(): NotificationTotals {
    const unexpected = this.unexpected().length;
    return { expected: this.expected.size, ...this.totals, lost: this.missing().length, unexpected };
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
