import { Logger } from '@nestjs/common';
import { EachBatchPayload } from 'kafkajs';

import { retriesInProgress } from './messaging.metrics';

/**
 * Transient failures: `attempts` quick tries in place, then the partition is paused for a backoff
 * (initialMs doubling to maxMs) while the others go on, and resumed from the failed message.
 */
export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
  attempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialMs: 200, maxMs: 30_000, attempts: 3 };

/** The pause before in-place attempt `attempt + 1`. */
export const inPlaceDelay = (retry: RetryPolicy, attempt: number): number =>
  Math.min(retry.maxMs, retry.initialMs * 2 ** (attempt - 1));

/** The partitions paused after failures, each with its growing, jittered backoff. */
export class PartitionPauses {
  private readonly logger = new Logger('EventConsumer');
  private readonly rounds = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  /** partitions whose failed message waits for its retry (the event_retries_in_progress gauge) */
  private readonly waiting = new Set<string>();

  constructor(
    private readonly retry: RetryPolicy,
    private readonly consuming: () => boolean,
    private readonly group = '',
  ) {}

  /** Pauses a partition whose message keeps failing; the fetch resumes from it after the backoff. */
  pause(topic: string, partition: number, payload: EachBatchPayload): void {
    if (!payload.isRunning() || payload.isStale()) return;
    const key = `${topic}:${partition}`;
    const round = (this.rounds.get(key) ?? 0) + 1;
    this.rounds.set(key, round);
    if (!this.waiting.has(key)) {
      this.waiting.add(key);
      retriesInProgress.inc({ group: this.group, topic });
    }
    const jitter = 0.8 + Math.random() * 0.4;
    const delay = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** (round - 1)) * jitter;
    const paused = { topic, partition, round, delay: Math.round(delay) };
    this.logger.warn(paused, 'partition paused after transient failures; resuming after backoff');
    const resume = payload.pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (this.consuming()) resume();
    }, delay);
    this.resumeTimers.add(timer);
  }

  /** A chunk went through: the partition's next failure starts from the first backoff again. */
  recovered(topic: string, partition: number): void {
    const key = `${topic}:${partition}`;
    this.rounds.delete(key);
    if (this.waiting.delete(key)) retriesInProgress.dec({ group: this.group, topic });
  }

  cancel(): void {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    for (const key of this.waiting)
      retriesInProgress.dec({ group: this.group, topic: key.slice(0, key.lastIndexOf(':')) });
    this.waiting.clear();
  }
}
