import { Logger } from '@nestjs/common';
import pLimit from 'p-limit';

import { EventEnvelope } from '@appliance-care/contracts';

import { ConsumedEvent, ConsumedMessage, MessageMeta, Outcome } from './consumed-message';
import { DeadLetters } from './dead-letters';
import { classify } from './errors';
import { handlerDuration } from './messaging.metrics';
import { inPlaceDelay, RetryPolicy } from './retry-policy';

type Handle = (event: EventEnvelope, meta: MessageMeta) => Promise<void>;
type HandleBatch = (events: ConsumedEvent[]) => Promise<void>;

/** Whether the batch the messages came from is still ours to handle. */
export interface BatchLiveness {
  isRunning(): boolean;
  isStale(): boolean;
}

/** The liveness of the batch a message came from (a round holds the batches of several partitions). */
export type LivenessOf = (consumed: ConsumedMessage) => BatchLiveness;

export interface EventHandlingOptions {
  group: string;
  handle?: Handle;
  handleBatch?: HandleBatch;
  /** keys handled at once; one key is always sequential */
  concurrency: number;
  retry: RetryPolicy;
  deadLetters: DeadLetters;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the handlers over a chunk's messages grouped by key, keeping each key's order. */
export class EventHandling {
  private readonly logger = new Logger('EventConsumer');

  constructor(private readonly options: EventHandlingOptions) {}

  /** Each key's events in order, keys side by side (batch handlers: round by round). */
  async handle(keys: ConsumedMessage[][], livenessOf: LivenessOf): Promise<void> {
    const { handle, handleBatch, concurrency } = this.options;
    if (handleBatch) return this.handleInRounds(keys, handleBatch, livenessOf);
    const limit = pLimit(concurrency);
    await Promise.all(keys.map((messages) => limit(() => this.handleKey(messages, handle as Handle, livenessOf))));
  }

  /** One key's events in order; stops at the first that keeps failing. */
  private async handleKey(messages: ConsumedMessage[], handle: Handle, livenessOf: LivenessOf): Promise<void> {
    for (const consumed of messages) {
      consumed.outcome = await this.handleOne(consumed, handle, livenessOf);
      if (consumed.outcome === 'failed') return;
    }
  }

  /** Round r holds every key's r-th event (distinct keys), handed over in one call. */
  private async handleInRounds(keys: ConsumedMessage[][], handleBatch: HandleBatch, livenessOf: LivenessOf) {
    const blocked = new Set<string>();
    for (let round = 0; ; round++) {
      const messages = keys
        .map((keyMessages) => keyMessages[round])
        .filter((consumed): consumed is ConsumedMessage => !!consumed && !blocked.has(consumed.key));
      if (messages.length === 0) return;
      await this.handleRound(messages, handleBatch, livenessOf);
      for (const consumed of messages) if (consumed.outcome === 'failed') blocked.add(consumed.key);
    }
  }

  private async handleRound(messages: ConsumedMessage[], handleBatch: HandleBatch, livenessOf: LivenessOf) {
    const unreadable = messages.filter((consumed) => consumed.error);
    for (const consumed of unreadable) consumed.outcome = await this.deadLetter(consumed, consumed.error, livenessOf);
    const ready = messages.filter((consumed) => !consumed.error);
    if (ready.length === 0) return;
    const end = handlerDuration.startTimer({ group: this.options.group, type: 'batch' });
    try {
      await handleBatch(ready.map(({ event, meta }) => ({ event: event as EventEnvelope, meta })));
      for (const consumed of ready) consumed.outcome = 'processed';
    } catch {
      // find the one at fault: each event on its own, poison to the DLQ, transient retried
      const alone: Handle = (event, meta) => handleBatch([{ event, meta }]);
      const limit = pLimit(this.options.concurrency);
      await Promise.all(
        ready.map((consumed) =>
          limit(async () => (consumed.outcome = await this.handleOne(consumed, alone, livenessOf))),
        ),
      );
    } finally {
      end();
    }
  }

  /** Handles one event, retrying a transient failure in place a few times; poison goes to the DLQ. */
  private async handleOne(consumed: ConsumedMessage, handle: Handle, livenessOf: LivenessOf): Promise<Outcome> {
    const batch = livenessOf(consumed);
    if (consumed.outcome) return consumed.outcome;
    if (consumed.error) return this.deadLetter(consumed, consumed.error, livenessOf);
    const event = consumed.event as EventEnvelope;
    for (let attempt = 1; ; attempt++) {
      const end = handlerDuration.startTimer({ group: this.options.group, type: event.type });
      try {
        await handle(event, consumed.meta);
        return 'processed';
      } catch (err) {
        const failure = classify(err);
        if (failure.poison) return this.options.deadLetters.send(consumed, failure, batch.isStale());
        this.logger.warn({ eventId: event.id, type: event.type, attempt, err: failure.message }, 'transient failure');
        if (attempt >= this.options.retry.attempts || !batch.isRunning() || batch.isStale()) return 'failed';
        await sleep(inPlaceDelay(this.options.retry, attempt));
      } finally {
        end();
      }
    }
  }

  private deadLetter(consumed: ConsumedMessage, error: unknown, livenessOf: LivenessOf): Promise<Outcome> {
    return this.options.deadLetters.send(consumed, classify(error), livenessOf(consumed).isStale());
  }
}
