import { Admin, Consumer, Kafka, Producer } from 'kafkajs';

import { createEvent, toKafkaRecord, Topics } from '@appliance-care/contracts';
import { createKafka, physicalTopic } from '@appliance-care/messaging';

import { startObserving } from './event-feed';
import { LibraryActors } from './library-actors';
import { LibraryBook, libraryProgress, librarySummary } from './library-book';
import type { LibraryOptions } from './library-options';
import type { PlannedItem } from './library-plan';
import type { SimulatorOptions } from './options';
import { RestClient } from './rest';

/** The topics the library day reacts to: the items' facts, dispatch's assignments, the patrons' notices. */
const LIBRARY_TOPICS = [Topics.libraryServices, Topics.dispatch, Topics.notifications];

/**
 * One library day: acquisitions sends the planned receipts (library.item.received.v1) at the rate,
 * the simulated library people react to what follows (library-actors.ts), and the run ends when every
 * item is finished or the time is up; then the summary, and whether anything was lost or duplicated.
 */
export class LibraryDay {
  readonly book: LibraryBook;
  private readonly rest: RestClient;
  private readonly kafka: Kafka;
  private readonly startedAt = Date.now();
  private producer?: Producer;
  private consumer?: Consumer;
  private admin?: Admin;

  constructor(
    private readonly options: SimulatorOptions & { library: LibraryOptions },
    private readonly plan: readonly PlannedItem[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.book = new LibraryBook(plan);
    this.rest = new RestClient(options.concurrency);
    this.kafka = createKafka(`appliance-care-simulator-library-${options.runId}`, env);
  }

  /** True when every item finished and no patron's mail was lost or duplicated. */
  async run(log: (line: string) => void): Promise<boolean> {
    const actors = new LibraryActors(this.book, this.rest, this.options.library.libraryUrl);
    try {
      ({ consumer: this.consumer, admin: this.admin } = await startObserving(
        this.kafka,
        actors,
        `library-${this.options.runId}`,
        this.env,
        log,
        LIBRARY_TOPICS,
      ));
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
      await this.receiveAll();
      await this.settle(log);
    } finally {
      await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect(), this.admin?.disconnect()]);
    }
    const { lines, ok } = librarySummary(this.book.totals(), Date.now() - this.startedAt);
    for (const line of lines) log(line);
    for (const error of this.book.actionErrors.slice(0, 10)) log(`  error      ${error}`);
    return ok && this.book.actionErrors.length === 0;
  }

  /** Acquisitions' receipts, `rate` a second, each keyed by its item. */
  private async receiveAll(): Promise<void> {
    const topic = physicalTopic(Topics.libraryAcquisitions, this.env);
    for (const item of this.plan) {
      const event = createEvent({
        type: 'library.item.received.v1',
        source: '/simulator/acquisitions',
        subject: item.received.itemId,
        data: item.received,
      });
      await this.producer!.send({ topic, acks: -1, messages: [toKafkaRecord(event, item.received.itemId)] });
      this.book.received++;
      await new Promise((resolve) => setTimeout(resolve, 1000 / this.options.rate));
    }
  }

  /** Until every item is finished (or the timeout), with a progress line now and then. */
  private async settle(log: (line: string) => void): Promise<void> {
    const deadline = Date.now() + this.options.timeoutMs;
    let nextProgress = Date.now() + this.options.progressMs;
    while (!this.book.done() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (Date.now() >= nextProgress) {
        log(libraryProgress(this.book.totals(), Date.now() - this.startedAt));
        nextProgress += this.options.progressMs;
      }
    }
    // a duplicate would come right behind the first: give the stream a moment more to show one
    const quiet = Date.now() + Math.min(5_000, this.options.drainMs);
    while (Date.now() < quiet) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
