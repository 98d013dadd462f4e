import { IHeaders, KafkaMessage } from 'kafkajs';

import { EventEnvelope, fromKafkaRecord } from '@appliance-care/contracts';

import { Actors } from './actors';
import { Bookkeeping, Lifecycle } from './bookkeeping';
import { NotificationExpectations, reminderSourceId } from './expectations';
import {
  Data,
  maintenanceAndPartsReactions,
  onMaintenanceBooked,
  Reaction,
  ReactionContext,
} from './maintenance-parts-reactions';

/** A fault is reported this long after the appliance was registered or installed. */
const FAULT_DELAY_MS = 3_000;
/** At most this many events of not-yet-registered appliances are held (see Observer.early). */
const MAX_EARLY_EVENTS = 20_000;

/**
 * What the simulator sees: every lifecycle event of its appliances, in its bookkeeping, and the next
 * action of the party that would act on it (each action once, however often the event comes).
 */
export class Observer {
  private readonly seenEvents = new Set<string>();
  private readonly acted = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /**
   * Events of an appliance whose registration has not reached the simulator yet: topics are consumed
   * independently, so dispatch's booking or the notification of the registration itself can come
   * first. Held by appliance id and handled once the registration arrives (bounded: other runs'
   * appliances are never registered here).
   */
  private readonly early = new Map<string, EventEnvelope[]>();
  private earlyCount = 0;

  constructor(
    private readonly book: Bookkeeping,
    private readonly actors: Actors,
    /** who the rules and the services' configuration say is told of each event */
    private readonly expectations: NotificationExpectations,
    private readonly topicPrefix = '',
    /** how long the simulated warehouse takes to deliver parts on order */
    partsDeliveryMs = 5_000,
  ) {
    this.context = {
      book,
      actors,
      once: (key, action) => this.once(key, action),
      later: (action, delayMs) => this.later(action, delayMs),
      partsDeliveryMs,
    };
    Object.assign(this.reactions, maintenanceAndPartsReactions(this.context));
  }

  private readonly context: ReactionContext;

  onMessage(topic: string, message: KafkaMessage): void {
    if (topic.endsWith('.dlq')) return this.onDeadLetter(message.headers ?? {});
    let event: EventEnvelope;
    try {
      event = fromKafkaRecord(message);
    } catch {
      return; // not ours to judge: the services dead-letter what they cannot read
    }
    this.onEvent(event);
  }

  onEvent(event: EventEnvelope): void {
    // at-least-once: a rebalance may hand us an event again
    if (this.seenEvents.has(event.id)) {
      this.book.counters.redelivered++;
      return;
    }
    const data = event.data as Data;
    if (event.type === 'appliance.registered.v1') {
      // a planned appliance registered again (another event id) is not a new lifecycle step
      if (!this.book.registered(String(data['serialNumber']), String(data['applianceId']))) return;
    }
    const lifecycle = this.book.forAppliance(data['applianceId']);
    if (!lifecycle) return this.holdEarly(event, data); // not registered yet, another run's, or nobody's
    this.seenEvents.add(event.id);
    if (event.type === 'notification.sent.v1' || event.type === 'notification.failed.v1') {
      return this.onNotification(event);
    }
    if (event.type === 'notification.undeliverable.v1') {
      this.book.counters.undeliverable++;
      return;
    }
    this.expectNotifications(event);
    this.reactions[event.type]?.(lifecycle, event, data);
    if (event.type === 'appliance.registered.v1') this.releaseEarly(String(data['applianceId']));
  }

  private holdEarly(event: EventEnvelope, data: Data): void {
    const applianceId = data['applianceId'];
    if (typeof applianceId !== 'string' || event.type === 'appliance.registered.v1') return;
    if (this.earlyCount >= MAX_EARLY_EVENTS) return;
    this.early.set(applianceId, [...(this.early.get(applianceId) ?? []), event]);
    this.earlyCount++;
  }

  private releaseEarly(applianceId: string): void {
    const held = this.early.get(applianceId) ?? [];
    this.early.delete(applianceId);
    this.earlyCount -= held.length;
    for (const event of held) this.onEvent(event);
  }

  /** Faults waiting for their delay are not reported any more. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private onDeadLetter(headers: IHeaders): void {
    const code = String(headers['x-error-code'] ?? 'unknown');
    this.book.deadLetter(String(headers['x-original-topic'] ?? '?').replace(this.topicPrefix, ''), code);
  }

  private expectNotifications(event: EventEnvelope): void {
    const targets = this.expectations.targets(event);
    if (targets.length) this.book.tracker.expect(event.id, event.time, targets);
    const reminders = this.expectations.reminders(event);
    if (reminders.length) this.book.tracker.allow(reminderSourceId(event.id), reminders);
  }

  private onNotification(event: EventEnvelope): void {
    const data = event.data as Record<string, string>;
    this.book.tracker.notification({
      eventId: event.id,
      outcome: event.type === 'notification.sent.v1' ? 'sent' : 'failed',
      notificationId: data['notificationId'],
      sourceEventId: data['sourceEventId'],
      recipientId: data['recipientId'],
      channel: data['channel'],
      at: data['sentAt'] ?? data['failedAt'] ?? event.time,
    });
  }

  /** Event type → what it changes in the lifecycle and who acts next. */
  private readonly reactions: Partial<Record<string, Reaction>> = {
    'appliance.registered.v1': (lifecycle) => {
      if (!lifecycle.item.installation && lifecycle.item.fault) this.later(() => this.actors.injectFault(lifecycle));
    },
    'installation.scheduled.v1': (lifecycle, event, data) => this.onScheduled(lifecycle, event, data),
    'installation.completed.v1': (lifecycle, event) => {
      if (lifecycle.installedAt) return;
      lifecycle.installedAt = event.time;
      this.book.counters.installationsCompleted++;
      this.book.tracker.record('scheduledToCompleted', lifecycle.scheduledAt, event.time);
      if (lifecycle.item.fault) this.later(() => this.actors.injectFault(lifecycle));
    },
    'problem.reported.v1': (lifecycle, event, data) => {
      if (lifecycle.caseId) return;
      lifecycle.caseId = String(data['caseId']);
      lifecycle.caseOpenedAt = event.time;
      this.book.counters.cases++;
      this.book.tracker.record('faultToCase', lifecycle.faultAt, event.time);
    },
    'diagnosis.guidance-sent.v1': (lifecycle, _event, data) => {
      const caseId = String(data['caseId']);
      this.once(`guidance|${caseId}`, () => this.actors.answerGuidance(lifecycle, caseId));
    },
    'diagnosis.completed.v1': (lifecycle, _event, data) => {
      if (!this.acted.has(`diagnosed|${data['caseId']}`)) this.book.counters.diagnosesCompleted++;
      else this.book.counters.repeatedDiagnoses++;
      this.acted.add(`diagnosed|${data['caseId']}`);
      if (data['outcome'] !== 'repair-required') lifecycle.closed = true;
    },
    'repair.ticket-opened.v1': (lifecycle, event, data) => {
      if (lifecycle.ticketId) return;
      lifecycle.ticketId = String(data['ticketId']);
      lifecycle.ticketOpenedAt = event.time;
      lifecycle.parts = data['parts'] as Lifecycle['parts'];
      this.book.counters.tickets++;
      this.book.tracker.record('caseToTicket', lifecycle.caseOpenedAt, event.time);
    },
    'work-order.assigned.v1': (lifecycle, event, data) => this.onAssigned(lifecycle, event, data),
    'work-order.unassignable.v1': (lifecycle, _event, data) => {
      this.book.counters.unassignable++;
      lifecycle.stalled = `${data['kind']} unassignable: ${data['reason']}`;
    },
    'repair.completed.v1': (lifecycle, event) => {
      if (lifecycle.closed) return;
      lifecycle.closed = true;
      this.book.counters.repairsCompleted++;
      if (lifecycle.partsArrivedAt) this.book.counters.returnVisitsCompleted++;
      this.book.tracker.record('ticketToCompleted', lifecycle.ticketOpenedAt, event.time);
    },
    'repair.cancelled.v1': (lifecycle, _event, data) => {
      lifecycle.stalled = `repair cancelled: ${data['reason']}`;
    },
  };

  private onScheduled(lifecycle: Lifecycle, event: EventEnvelope, data: Data): void {
    if (!lifecycle.scheduledAt) {
      this.book.counters.installationsScheduled++;
      this.book.tracker.record('purchaseToScheduled', lifecycle.publishedAt, event.time);
    }
    lifecycle.scheduledAt = event.time;
    lifecycle.stalled = undefined;
    const installationId = String(data['installationId']);
    this.once(`install|${installationId}|${data['attempt']}`, () =>
      this.actors.install(lifecycle, installationId, String(data['technicianId'])),
    );
  }

  private onAssigned(lifecycle: Lifecycle, event: EventEnvelope, data: Data): void {
    lifecycle.stalled = undefined;
    const technicianId = String(data['technicianId']);
    const sourceId = String(data['sourceId']);
    const key = `${data['workOrderId']}|${technicianId}`;
    if (data['kind'] === 'diagnostic-visit') this.once(key, () => this.actors.visit(lifecycle, sourceId, technicianId));
    if (data['kind'] === 'maintenance') onMaintenanceBooked(this.context, lifecycle, event, data);
    if (data['kind'] === 'repair') {
      if (!this.acted.has(`assigned|${sourceId}`)) {
        this.acted.add(`assigned|${sourceId}`);
        this.book.tracker.record('ticketToAssigned', lifecycle.ticketOpenedAt, event.time);
        this.book.tracker.record('caseToAssigned', lifecycle.caseOpenedAt, event.time);
      }
      this.once(key, () => this.actors.repair(lifecycle, sourceId, technicianId));
    }
  }

  private once(key: string, action: () => Promise<void>): void {
    if (this.acted.has(key)) return;
    this.acted.add(key);
    void action();
  }

  private later(action: () => Promise<void>, delayMs = FAULT_DELAY_MS): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void action();
    }, delayMs);
    this.timers.add(timer);
  }
}
