import { Admin, Consumer, Kafka, Producer } from 'kafkajs';

import { mintToken, Role } from '@appliance-care/auth';
import {
  createEvent,
  dlqTopic,
  EventEnvelope,
  fromKafkaRecord,
  toKafkaRecord,
  Topics,
} from '@appliance-care/contracts';
import { createKafka, physicalTopic } from '@appliance-care/messaging';
import { matchRules } from '@appliance-care/notification-rules';

import { SimulatorOptions } from './options';
import { PlannedItem, PlannedPurchase } from './plan';
import { progressLine, summary } from './report';
import { RestClient } from './rest';
import { RosterTechnician } from './roster';
import { Tracker } from './tracker';

/** One simulated appliance's lifecycle as the simulator sees it through the events. */
export interface Lifecycle {
  purchase: PlannedPurchase;
  item: PlannedItem;
  applianceId?: string;
  publishedAt?: string;
  scheduledAt?: string;
  installedAt?: string;
  faultAt?: string;
  caseId?: string;
  caseOpenedAt?: string;
  ticketId?: string;
  ticketOpenedAt?: string;
  parts?: { sku: string; name: string; quantity: number }[];
  /** the fault's story has ended: resolved remotely or by a visit, or repaired */
  closed?: boolean;
  /** why it cannot go on (unassignable work order, an action refused) */
  stalled?: string;
}

export interface Counters {
  purchasesSent: number;
  registered: number;
  installationsScheduled: number;
  installationsCompleted: number;
  faultsInjected: number;
  cases: number;
  guidanceAnswered: number;
  visits: number;
  diagnosesCompleted: number;
  tickets: number;
  repairsCompleted: number;
  unassignable: number;
  undeliverable: number;
  dlq: number;
  actionErrors: number;
  /** lifecycle events the simulator's consumer received twice (same event id) */
  redelivered: number;
  /** a second diagnosis.completed.v1 (another event id) for a case already diagnosed */
  repeatedDiagnoses: number;
}

const ORDER_TOPICS = [
  Topics.salesInstallation,
  Topics.diagnostics,
  Topics.repairs,
  Topics.dispatch,
  Topics.notifications,
];
const FAULT_DELAY_MS = 3_000;

export class Simulation {
  readonly counters: Counters = {
    purchasesSent: 0,
    registered: 0,
    installationsScheduled: 0,
    installationsCompleted: 0,
    faultsInjected: 0,
    cases: 0,
    guidanceAnswered: 0,
    visits: 0,
    diagnosesCompleted: 0,
    tickets: 0,
    repairsCompleted: 0,
    unassignable: 0,
    undeliverable: 0,
    dlq: 0,
    actionErrors: 0,
    redelivered: 0,
    repeatedDiagnoses: 0,
  };
  readonly tracker = new Tracker();
  readonly dlqReasons = new Map<string, number>();
  readonly actionErrors: string[] = [];
  private readonly rest: RestClient;
  private readonly lifecycles: Lifecycle[] = [];
  private readonly bySerial = new Map<string, Lifecycle>();
  private readonly byAppliance = new Map<string, Lifecycle>();
  private readonly byCase = new Map<string, Lifecycle>();
  private readonly byTicket = new Map<string, Lifecycle>();
  private readonly acted = new Set<string>();
  private readonly seenEvents = new Set<string>();
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly technicianEmail = new Map<string, boolean>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly kafka: Kafka;
  private producer?: Producer;
  private consumer?: Consumer;
  private admin?: Admin;
  private readonly startedAt = Date.now();
  private stopped = false;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly plan: PlannedPurchase[],
    roster: readonly RosterTechnician[],
    private readonly hires: readonly RosterTechnician[] = [],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.rest = new RestClient(options.concurrency);
    this.kafka = createKafka(`appliance-care-simulator-${options.runId}`, env);
    for (const t of roster) this.technicianEmail.set(t.technicianId, Boolean((t as { email?: string }).email));
    for (const purchase of plan) {
      for (const item of purchase.items) {
        const lc: Lifecycle = { purchase, item };
        this.lifecycles.push(lc);
        this.bySerial.set(item.serialNumber, lc);
      }
    }
  }

  private topic(logical: string): string {
    return physicalTopic(logical, this.env);
  }

  /** Runs the whole simulation; true when nothing was lost or duplicated. */
  async run(log: (line: string) => void): Promise<boolean> {
    await this.checkServices();
    await this.hire(log);
    await this.startConsumer();
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const progress = setInterval(
      () =>
        log(progressLine(this.elapsed(), this.counters, this.plan.length, this.lifecycles, this.tracker, this.rest)),
      this.options.progressMs,
    );
    try {
      await this.publishPurchases();
      log(
        `[sim] ${this.counters.purchasesSent} purchases sent in ${(this.elapsed() / 1000).toFixed(1)} s; waiting for the lifecycles…`,
      );
      const finished = await this.until(
        () => this.lifecycles.every((lc) => this.isFinished(lc)),
        this.options.timeoutMs,
      );
      if (!finished) log(`[sim] timed out after ${this.options.timeoutMs / 1000} s with lifecycles still running`);
      log(
        `[sim] lifecycles settled; draining notifications (until none is awaited, or none arrived for ${this.options.drainMs / 1000} s)…`,
      );
      await this.drain();
    } finally {
      clearInterval(progress);
      for (const t of this.timers) clearTimeout(t);
    }
    log(progressLine(this.elapsed(), this.counters, this.plan.length, this.lifecycles, this.tracker, this.rest));
    const report = summary({
      options: this.options,
      counters: this.counters,
      lifecycles: this.lifecycles,
      tracker: this.tracker,
      rest: this.rest,
      dlqReasons: this.dlqReasons,
      actionErrors: this.actionErrors,
      elapsedMs: this.elapsed(),
    });
    log(report.text);
    await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect(), this.admin?.disconnect()]);
    return report.ok;
  }

  /** Registers the hired technicians with dispatch (one already registered answers 409: kept). */
  private async hire(log: (line: string) => void): Promise<void> {
    if (this.hires.length === 0) return;
    const token = await this.token('dispatcher');
    let added = 0;
    for (const technician of this.hires) {
      const res = await fetch(`${this.options.urls.dispatch}/api/v1/technicians`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(technician),
      });
      if (res.status === 201 || res.status === 200) added++;
      else if (res.status !== 409)
        throw new Error(`hiring ${technician.technicianId}: ${res.status} ${await res.text()}`);
    }
    log(`[sim] ${added} technicians hired (${this.hires.length - added} already on the roster)`);
  }

  /** Ctrl-C: stop sending and waiting, and report what happened so far. */
  stop(): void {
    this.stopped = true;
  }

  private elapsed(): number {
    return Date.now() - this.startedAt;
  }

  private async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > end || this.stopped) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
    return true;
  }

  /** Waits for the notifications still expected while they keep coming; gives up after drainMs without one. */
  private async drain(): Promise<void> {
    let seen = this.tracker.outcomes();
    let lastProgress = Date.now();
    await this.until(() => {
      if (this.tracker.outcomes() !== seen) {
        seen = this.tracker.outcomes();
        lastProgress = Date.now();
      }
      return (
        (this.tracker.missing().length === 0 && this.rest.inFlight === 0) ||
        Date.now() - lastProgress > this.options.drainMs
      );
    }, Number.MAX_SAFE_INTEGER);
  }

  private isFinished(lc: Lifecycle): boolean {
    if (lc.stalled) return true;
    if (!lc.applianceId) return false;
    if (lc.item.installation && !lc.installedAt) return false;
    return !lc.item.fault || lc.closed === true;
  }

  private async checkServices(): Promise<void> {
    const down: string[] = [];
    await Promise.all(
      Object.entries(this.options.urls).map(async ([name, url]) => {
        const ok = await fetch(`${url}/health/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ok) down.push(`${name} (${url})`);
      }),
    );
    if (down.length)
      throw new Error(
        `not ready: ${down.join(', ')} — start the system first (npm start), or point the simulator at it (--<service>-url)`,
      );
  }

  /** One consumer group of its own, positioned at the end of every topic before the first purchase is sent. */
  private async startConsumer(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const existing = new Set(await this.admin.listTopics());
    const lifecycle = ORDER_TOPICS.map((t) => this.topic(t));
    const missing = lifecycle.filter((t) => !existing.has(t));
    if (missing.length)
      throw new Error(
        `topics ${missing.join(', ')} do not exist: is the system running with KAFKA_TOPIC_PREFIX="${this.env['KAFKA_TOPIC_PREFIX'] ?? ''}"?`,
      );
    const dlqs = Object.values(Topics)
      .map((t) => this.topic(dlqTopic(t)))
      .filter((t) => existing.has(t));
    const topics = [...lifecycle, ...dlqs];
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, partitions: await this.admin!.fetchTopicOffsets(topic) })),
    );

    const groupId = `${this.env['KAFKA_GROUP_PREFIX'] ?? ''}appliance-care.simulator.${this.options.runId}`;
    this.consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: false });
    const joined = new Promise<void>((resolve) => this.consumer!.on(this.consumer!.events.GROUP_JOIN, () => resolve()));
    await this.consumer.run({
      partitionsConsumedConcurrently: 4,
      eachMessage: async ({ topic, message }) => {
        if (topic.endsWith('.dlq')) return this.onDeadLetter(message.headers ?? {});
        let event: EventEnvelope;
        try {
          event = fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers as never });
        } catch {
          return; // not ours to judge: the services dead-letter what they cannot read
        }
        this.onEvent(event);
      },
    });
    await joined;
    for (const { topic, partitions } of ends)
      for (const p of partitions) this.consumer.seek({ topic, partition: p.partition, offset: p.offset });
  }

  private onDeadLetter(headers: Record<string, unknown>): void {
    this.counters.dlq++;
    const code = String(headers['x-error-code'] ?? 'unknown');
    const topic = String(headers['x-original-topic'] ?? '?').replace(this.env['KAFKA_TOPIC_PREFIX'] ?? '', '');
    const key = `${topic}: ${code}`;
    this.dlqReasons.set(key, (this.dlqReasons.get(key) ?? 0) + 1);
  }

  private async publishPurchases(): Promise<void> {
    const topic = this.topic(Topics.purchases);
    const start = Date.now();
    for (const [i, purchase] of this.plan.entries()) {
      if (this.stopped) return;
      const due = start + (i * 1000) / this.options.rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const event = createEvent({
        type: 'sales.purchase.recorded.v1',
        source: `/simulator/${this.options.runId}/${purchase.data.channel ?? 'store'}`,
        data: purchase.data,
      });
      await this.producer!.send({ topic, acks: -1, messages: [toKafkaRecord(event, purchase.orderId)] });
      for (const item of purchase.items) this.bySerial.get(item.serialNumber)!.publishedAt = event.time;
      this.counters.purchasesSent++;
    }
  }

  // ---- what the simulator sees ------------------------------------------------------------------

  private onEvent(event: EventEnvelope): void {
    // at-least-once: a rebalance may hand us an event again
    if (this.seenEvents.has(event.id)) {
      this.counters.redelivered++;
      return;
    }
    const data = event.data as Record<string, unknown>;
    if (event.type === 'appliance.registered.v1') {
      const lc = this.bySerial.get(String(data['serialNumber']));
      if (!lc || lc.applianceId) return;
      lc.applianceId = String(data['applianceId']);
      this.byAppliance.set(lc.applianceId, lc);
      this.counters.registered++;
    }
    const applianceId = typeof data['applianceId'] === 'string' ? data['applianceId'] : undefined;
    const lc = applianceId ? this.byAppliance.get(applianceId) : undefined;
    if (!lc) return; // another run's, or nobody's
    this.seenEvents.add(event.id);
    if (event.type === 'notification.sent.v1' || event.type === 'notification.failed.v1')
      return this.onNotification(event);
    if (event.type === 'notification.undeliverable.v1') {
      this.counters.undeliverable++;
      return;
    }
    this.expectNotifications(event);
    this.advance(lc, event, data);
  }

  private expectNotifications(event: EventEnvelope): void {
    const targets = matchRules(event.type, event.data).map((t) => ({
      recipientId: t.recipientId,
      // simulated customers have an email address and no phone; seeded technicians have an email
      channels:
        t.recipientKind === 'customer' || this.technicianEmail.get(t.recipientId) ? ['in-app', 'email'] : ['in-app'],
    }));
    if (targets.length) this.tracker.expect(event.id, event.time, targets);
  }

  private onNotification(event: EventEnvelope): void {
    const d = event.data as Record<string, string>;
    this.tracker.notification({
      eventId: event.id,
      outcome: event.type === 'notification.sent.v1' ? 'sent' : 'failed',
      notificationId: d['notificationId'],
      sourceEventId: d['sourceEventId'],
      recipientId: d['recipientId'],
      channel: d['channel'],
      at: d['sentAt'] ?? d['failedAt'] ?? event.time,
    });
  }

  private advance(lc: Lifecycle, event: EventEnvelope, data: Record<string, unknown>): void {
    const fault = lc.item.fault;
    switch (event.type) {
      case 'appliance.registered.v1':
        if (!lc.item.installation && fault) this.later(() => this.injectFault(lc));
        return;
      case 'installation.scheduled.v1': {
        if (!lc.scheduledAt) {
          this.counters.installationsScheduled++;
          this.tracker.record('purchaseToScheduled', lc.publishedAt, event.time);
        }
        lc.scheduledAt = event.time;
        lc.stalled = undefined;
        const installationId = String(data['installationId']);
        this.once(`install|${installationId}|${data['attempt']}`, () =>
          this.install(lc, installationId, String(data['technicianId'])),
        );
        return;
      }
      case 'installation.completed.v1':
        if (lc.installedAt) return;
        lc.installedAt = event.time;
        this.counters.installationsCompleted++;
        this.tracker.record('scheduledToCompleted', lc.scheduledAt, event.time);
        if (fault) this.later(() => this.injectFault(lc));
        return;
      case 'problem.reported.v1':
        if (lc.caseId) return;
        lc.caseId = String(data['caseId']);
        lc.caseOpenedAt = event.time;
        this.byCase.set(lc.caseId, lc);
        this.counters.cases++;
        this.tracker.record('faultToCase', lc.faultAt, event.time);
        return;
      case 'diagnosis.guidance-sent.v1':
        this.once(`guidance|${data['caseId']}`, () => this.answerGuidance(lc, String(data['caseId'])));
        return;
      case 'diagnosis.completed.v1':
        if (!this.acted.has(`diagnosed|${data['caseId']}`)) this.counters.diagnosesCompleted++;
        else this.counters.repeatedDiagnoses++;
        this.acted.add(`diagnosed|${data['caseId']}`);
        if (data['outcome'] !== 'repair-required') lc.closed = true;
        return;
      case 'repair.ticket-opened.v1':
        if (lc.ticketId) return;
        lc.ticketId = String(data['ticketId']);
        lc.ticketOpenedAt = event.time;
        lc.parts = data['parts'] as Lifecycle['parts'];
        this.byTicket.set(lc.ticketId, lc);
        this.counters.tickets++;
        this.tracker.record('caseToTicket', lc.caseOpenedAt, event.time);
        return;
      case 'work-order.assigned.v1':
        return this.onAssigned(lc, event, data);
      case 'work-order.unassignable.v1':
        this.counters.unassignable++;
        lc.stalled = `${data['kind']} unassignable: ${data['reason']}`;
        return;
      case 'repair.completed.v1':
        if (lc.closed) return;
        lc.closed = true;
        this.counters.repairsCompleted++;
        this.tracker.record('ticketToCompleted', lc.ticketOpenedAt, event.time);
        return;
      case 'repair.cancelled.v1':
        lc.stalled = `repair cancelled: ${data['reason']}`;
        return;
      default:
        return;
    }
  }

  private onAssigned(lc: Lifecycle, event: EventEnvelope, data: Record<string, unknown>): void {
    lc.stalled = undefined;
    const technicianId = String(data['technicianId']);
    const sourceId = String(data['sourceId']);
    const key = `${data['workOrderId']}|${technicianId}`;
    if (data['kind'] === 'diagnostic-visit') this.once(key, () => this.visit(lc, sourceId, technicianId));
    if (data['kind'] === 'repair') {
      if (!this.acted.has(`assigned|${sourceId}`)) {
        this.acted.add(`assigned|${sourceId}`);
        this.tracker.record('ticketToAssigned', lc.ticketOpenedAt, event.time);
      }
      this.once(key, () => this.repair(lc, sourceId, technicianId));
    }
  }

  // ---- what the simulator does ------------------------------------------------------------------

  private once(key: string, action: () => Promise<void>): void {
    if (this.acted.has(key)) return;
    this.acted.add(key);
    void action();
  }

  private later(action: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void action();
    }, FAULT_DELAY_MS);
    this.timers.add(timer);
  }

  private async act(lc: Lifecycle, what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.counters.actionErrors++;
      if (this.actionErrors.length < 20)
        this.actionErrors.push(`${lc.item.serialNumber} ${what}: ${(err as Error).message}`);
      lc.stalled = `${what} failed`;
    }
  }

  private token(role: Role, id?: string): Promise<string> {
    const key = `${role}|${id ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = mintToken({
        sub: id ?? `simulator-${role}`,
        roles: [role],
        ...(role === 'customer' ? { customerId: id } : {}),
        ...(role === 'technician' ? { technicianId: id } : {}),
      });
      this.tokens.set(key, token);
    }
    return token;
  }

  private install(lc: Lifecycle, installationId: string, technicianId: string): Promise<void> {
    return this.act(lc, 'installation', async () => {
      const base = `${this.options.urls['sales-installation']}/api/v1/installations/${installationId}`;
      const token = await this.token('technician', technicianId);
      const job = await this.rest.call<{ checklist?: { item: string }[]; status: string }>(
        'GET',
        base,
        token,
        undefined,
        { retryOn: [404] },
      );
      if (job.status === 'completed') return;
      if (job.status === 'scheduled')
        await this.rest.call('POST', `${base}/start`, token, undefined, {
          retryOn: [403, 409],
          alreadyIn: ['in-progress', 'completed'],
        });
      await this.rest.call(
        'POST',
        `${base}/complete`,
        token,
        {
          checklist: (job.checklist ?? []).map((c) => ({ item: c.item, done: true })),
          customerTrained: true,
          notes: 'installed by the simulator',
        },
        { retryOn: [409], alreadyIn: ['completed'] },
      );
    });
  }

  private async injectFault(lc: Lifecycle): Promise<void> {
    const fault = lc.item.fault!;
    this.counters.faultsInjected++;
    lc.faultAt = new Date().toISOString();
    if (fault.viaDevice) {
      await this.act(lc, 'device fault', async () => {
        const event = createEvent({
          type: 'device.fault.reported.v1',
          source: `/devices/${lc.item.serialNumber}`,
          subject: lc.applianceId,
          data: {
            serialNumber: lc.item.serialNumber,
            errorCode: fault.errorCode,
            reportedAt: lc.faultAt!,
            readings: { cycles: 42 },
          },
        });
        lc.faultAt = event.time;
        await this.producer!.send({
          topic: this.topic(Topics.deviceFaults),
          acks: -1,
          messages: [toKafkaRecord(event, lc.item.serialNumber)],
        });
      });
      return;
    }
    await this.act(lc, 'problem report', async () => {
      const token = await this.token('customer', lc.purchase.customerId);
      await this.rest.call(
        'POST',
        `${this.options.urls.diagnostics}/api/v1/appliances/${lc.applianceId}/problems`,
        token,
        { symptoms: fault.symptoms, errorCode: fault.errorCode },
        { retryOn: [404], headers: { 'idempotency-key': `sim-problem-${lc.item.serialNumber}` } },
      );
    });
  }

  private answerGuidance(lc: Lifecycle, caseId: string): Promise<void> {
    return this.act(lc, 'guidance outcome', async () => {
      const token = await this.token('customer', lc.purchase.customerId);
      await this.rest.call(
        'POST',
        `${this.options.urls.diagnostics}/api/v1/cases/${caseId}/guidance-outcome`,
        token,
        { fixed: lc.item.fault!.guidanceFixes },
        { retryOn: [404, 409], alreadyIn: ['visit-requested', 'visit-scheduled', 'completed'] },
      );
      this.counters.guidanceAnswered++;
    });
  }

  private visit(lc: Lifecycle, caseId: string, technicianId: string): Promise<void> {
    const fault = lc.item.fault!;
    const body =
      fault.visitOutcome === 'repair-required'
        ? {
            tests: [{ name: `${fault.repairFaultId} check`, passed: false, measurements: { reading: 0 } }],
            outcome: 'repair-required',
            confirmedFault: { faultId: fault.repairFaultId },
            parts: fault.parts,
          }
        : {
            tests: [{ name: 'full functional test', passed: true }],
            outcome: 'resolved',
            notes: 'settings corrected, works again',
          };
    return this.act(lc, 'visit result', async () => {
      const token = await this.token('technician', technicianId);
      await this.rest.call('POST', `${this.options.urls.diagnostics}/api/v1/cases/${caseId}/results`, token, body, {
        retryOn: [403, 404, 409],
        alreadyIn: ['completed'],
      });
      this.counters.visits++;
    });
  }

  private repair(lc: Lifecycle, ticketId: string, technicianId: string): Promise<void> {
    return this.act(lc, 'repair', async () => {
      const base = `${this.options.urls.repairs}/api/v1/tickets/${ticketId}`;
      const token = await this.token('technician', technicianId);
      const patient = (...alreadyIn: string[]) => ({
        retryOn: [403, 404, 409],
        alreadyIn: [...alreadyIn, 'completed'],
      });
      await this.rest.call(
        'POST',
        `${base}/accept`,
        token,
        undefined,
        patient('accepted', 'en-route', 'in-progress', 'awaiting-parts'),
      );
      await this.rest.call(
        'POST',
        `${base}/en-route`,
        token,
        { eta: new Date(Date.now() + 45 * 60_000).toISOString() },
        patient('en-route', 'in-progress', 'awaiting-parts'),
      );
      await this.rest.call('POST', `${base}/start`, token, undefined, patient('in-progress', 'awaiting-parts'));
      await this.rest.call(
        'POST',
        `${base}/complete`,
        token,
        {
          workDone: `replaced: ${(lc.parts ?? lc.item.fault!.parts).map((p) => p.name).join(', ') || 'adjusted'}`,
          partsUsed: lc.parts ?? lc.item.fault!.parts,
          labourMinutes: 45,
          signedOffBy: lc.purchase.data.customer.name,
        },
        patient(),
      );
    });
  }
}
