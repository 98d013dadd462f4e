import { Admin, Consumer, Kafka, Message, Producer } from 'kafkajs';

import { createEvent, toKafkaRecord, Topics } from '@appliance-care/contracts';
import { createKafka, physicalTopic } from '@appliance-care/messaging';

import { Actors } from './actors';
import { Bookkeeping } from './bookkeeping';
import { ChaosRun } from './chaos-run';
import { ChaosTargets } from './chaos-targets';
import { startObserving } from './event-feed';
import { NotificationExpectations, reminderLeads } from './expectations';
import { Observer } from './observer';
import { MAX_HIRES_PER_REGION, SimulatorOptions } from './options';
import { PlannedPurchase } from './plan';
import { progressLine, summary } from './report';
import { RestClient } from './rest';
import { hiredTechnicians, RosterTechnician } from './roster';

export type { Counters, Lifecycle } from './bookkeeping';

/** How long a send to Kafka is retried before the run gives up on it. */
const SEND_PATIENCE_MS = 120_000;

/**
 * One run: checks the services, hires, starts observing, sends the planned purchases at the rate,
 * waits for every lifecycle to settle and the notifications to drain, and reports. The parties'
 * actions are in actors.ts, the reactions to events in observer.ts (fed by event-feed.ts), the counts in
 * bookkeeping.ts.
 */
export class Simulation {
  private readonly book: Bookkeeping;
  private readonly rest: RestClient;
  private readonly actors: Actors;
  private readonly observer: Observer;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private consumer?: Consumer;
  private admin?: Admin;
  private readonly startedAt = Date.now();
  private stopped = false;
  private chaos?: ChaosRun;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly plan: PlannedPurchase[],
    roster: readonly RosterTechnician[],
    private readonly hires: readonly RosterTechnician[] = [],
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** what --chaos acts on (default: the local services.json, Kafka cluster and FerretDB) */
    private readonly chaosTargets?: ChaosTargets,
  ) {
    this.book = new Bookkeeping(plan);
    this.rest = new RestClient(options.concurrency);
    this.kafka = createKafka(`appliance-care-simulator-${options.runId}`, env);
    this.actors = new Actors(options, this.rest, this.book, (topic, event, key) =>
      this.send(physicalTopic(topic, env), toKafkaRecord(event, key)),
    );
    // technicians hired by an earlier run are still on dispatch's roster: their fixed ids, all with an email
    const everHired = hiredTechnicians(roster, MAX_HIRES_PER_REGION);
    const technicianEmail = new Map(
      [...everHired, ...roster].map((t) => [t.technicianId, Boolean((t as { email?: string }).email)]),
    );
    const expectations = new NotificationExpectations({ technicianEmail, reminderLeadMs: reminderLeads(env) });
    const prefix = env['KAFKA_TOPIC_PREFIX'] ?? '';
    this.observer = new Observer(this.book, this.actors, expectations, prefix, options.partsDeliveryMs);
  }

  /** Runs the whole simulation; true when nothing was lost or duplicated. */
  async run(log: (line: string) => void): Promise<boolean> {
    await this.checkServices();
    if (this.hires.length) {
      const added = await this.actors.hire(this.hires);
      log(`[sim] ${added} technicians hired (${this.hires.length - added} already on the roster)`);
    }
    ({ consumer: this.consumer, admin: this.admin } = await startObserving(
      this.kafka,
      this.observer,
      this.options.runId,
      this.env,
      log,
    ));
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const progress = setInterval(() => log(this.progress()), this.options.progressMs);
    try {
      await this.sendAndSettle(log);
    } finally {
      clearInterval(progress);
      this.observer.stop();
      await this.chaos?.stop();
    }
    log(this.progress());
    const ok = await this.finalReport(log);
    await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect(), this.admin?.disconnect()]);
    return ok;
  }

  /** The summary (with --chaos: after the survey of the services' APIs, and its chaos section). */
  private async finalReport(log: (line: string) => void): Promise<boolean> {
    if (!this.chaos) {
      const report = this.report();
      log(report.text);
      return report.ok;
    }
    log("[sim] chaos: reading the services' APIs for duplicates and double bookings…");
    const { lifecycles, tracker } = this.book;
    const confirmed = await this.chaos.survey(this.rest, (role) => this.actors.token(role), lifecycles, tracker);
    const report = this.report(confirmed);
    const chaos = this.chaos.section(this.book.lifecycles, this.book.tracker);
    log(`${report.text}\n${chaos.text}`);
    return report.ok && chaos.ok;
  }

  /** What the run measured, for a caller that runs it as one step of many (bench:capacity). */
  outcome() {
    const { lifecycles, tracker } = this.book;
    return {
      stages: tracker.stageSummary(),
      notifications: tracker.notificationTotals(),
      unfinished: lifecycles.filter((l) => !Bookkeeping.isFinished(l)).length,
      elapsedMs: this.elapsed(),
    };
  }

  /** Ctrl-C: stop sending and waiting, and report what happened so far. */
  stop(): void {
    this.stopped = true;
  }

  private async sendAndSettle(log: (line: string) => void): Promise<void> {
    if (this.options.chaos) {
      this.chaos = new ChaosRun({ ...this.options, chaos: this.options.chaos }, log, this.chaosTargets);
      this.chaos.start();
    }
    await this.publishPurchases();
    const sent = `${this.book.counters.purchasesSent} purchases sent in ${(this.elapsed() / 1000).toFixed(1)} s`;
    log(`[sim] ${sent}; waiting for the lifecycles…`);
    // with --chaos-rounds the run also waits for the rounds of chaos it asked for
    const done = () => this.book.allFinished() && (this.chaos?.satisfied() ?? true);
    const finished = await this.until(done, this.options.timeoutMs);
    if (!finished) {
      log(`[sim] timed out after ${this.options.timeoutMs / 1000} s with lifecycles still running`);
      this.book.stallUnfinished();
    }
    await this.chaos?.stop();
    const quiet = `until none is awaited, or none arrived for ${this.options.drainMs / 1000} s`;
    log(`[sim] lifecycles settled; draining notifications (${quiet})…`);
    await this.drain();
  }

  private report(confirmedByApi = 0): { ok: boolean; text: string } {
    return summary({
      confirmedByApi,
      options: this.options,
      counters: this.book.counters,
      lifecycles: this.book.lifecycles,
      tracker: this.book.tracker,
      rest: this.rest,
      dlqReasons: this.book.dlqReasons,
      actionErrors: this.book.actionErrors,
      elapsedMs: this.elapsed(),
    });
  }

  private progress(): string {
    const { counters, lifecycles, tracker } = this.book;
    return progressLine(this.elapsed(), counters, this.plan.length, lifecycles, tracker, this.rest);
  }

  private elapsed(): number {
    return Date.now() - this.startedAt;
  }

  private async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > end || this.stopped) return false;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return true;
  }

  /** Waits for the notifications still expected while they keep coming; gives up after drainMs without one. */
  private async drain(): Promise<void> {
    const { tracker } = this.book;
    let seen = tracker.outcomes();
    let lastProgress = Date.now();
    await this.until(() => {
      if (tracker.outcomes() !== seen) {
        seen = tracker.outcomes();
        lastProgress = Date.now();
      }
      const awaited = tracker.missing().length > 0 || this.rest.inFlight > 0;
      return !awaited || Date.now() - lastProgress > this.options.drainMs;
    }, Number.MAX_SAFE_INTEGER);
  }

  private async checkServices(): Promise<void> {
    const ready = async ([name, url]: [string, string]) =>
      (await fetch(`${url}/health/ready`).then(
        (res) => res.status === 200,
        () => false,
      ))
        ? []
        : [`${name} (${url})`];
    const down = (await Promise.all(Object.entries(this.options.urls).map(ready))).flat();
    if (down.length) {
      const how = 'start the system first (npm start), or point the simulator at it (--<service>-url)';
      throw new Error(`not ready: ${down.join(', ')} — ${how}`);
    }
  }

  /**
   * Sends one record, again and again while the cluster is in trouble (a broker killed, leaders
   * moving) for up to SEND_PATIENCE_MS: the same event (same id) each time, so a send that did land
   * is one the services' inboxes take once.
   */
  private async send(topic: string, message: Message): Promise<void> {
    const deadline = Date.now() + SEND_PATIENCE_MS;
    for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.producer!.send({ topic, acks: -1, messages: [message] });
        return;
      } catch (err) {
        if (Date.now() + delay > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async publishPurchases(): Promise<void> {
    const topic = physicalTopic(Topics.purchases, this.env);
    const start = Date.now();
    for (const [i, purchase] of this.plan.entries()) {
      if (this.stopped) return;
      const due = start + (i * 1000) / this.options.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const event = createEvent({
        type: 'sales.purchase.recorded.v1',
        source: `/simulator/${this.options.runId}/${purchase.data.channel ?? 'store'}`,
        data: purchase.data,
      });
      await this.send(topic, toKafkaRecord(event, purchase.orderId));
      for (const item of purchase.items) this.book.bySerialNumber(item.serialNumber)!.publishedAt = event.time;
      this.book.counters.purchasesSent++;
    }
  }
}
