import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';

import { dlqTopic, EventEnvelope, topicsFor } from '@appliance-care/contracts';
import { Correlation } from '@appliance-care/platform';
import { inEventSpan } from '@appliance-care/telemetry';

import { ConsumedEvent, MessageMeta } from './consumed-message';
import { EventConsumer, EventConsumerOptions } from './event-consumer';
import { trackConsumerLag } from './messaging.metrics';
import { ensureTopics } from './topic-admin';
import { physicalTopic } from './topic-naming';

export type KafkaEventServerOptions = Omit<EventConsumerOptions, 'topics' | 'handles' | 'handle' | 'handleBatch'>;

/** `@EventPattern(type, BATCH)`: the handler receives an array of events of distinct keys. */
export const BATCH = { batch: true } as const;

/**
 * A Nest transport strategy: handlers are declared with @EventPattern('<event type>') and receive
 * the validated EventEnvelope (or, declared with `@EventPattern(type, BATCH)`, an array of them to
 * store in one bulk write); underneath runs the batch consumer (inbox, retry, DLQ). A per-event
 * handler runs inside the event's correlation context, so what it publishes carries the
 * correlation id and has the event as its cause.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;
  private untrackLag?: () => Promise<void>;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const types = [...this.messageHandlers.keys()];
      if (types.length === 0) return callback();
      const topics = topicsFor(types).map((t) => physicalTopic(t));
      await ensureTopics(this.options.kafka, [...topics, ...topics.map(dlqTopic)]);
      const batchMode = [...this.messageHandlers.values()].some((h) => isBatch(h));
      this.consumer = new EventConsumer({
        ...this.options,
        topics,
        handles: (type) => this.messageHandlers.has(type),
        ...(batchMode
          ? { handleBatch: (events: ConsumedEvent[]) => this.dispatchRound(events) }
          : { handle: (event: EventEnvelope, meta: MessageMeta) => this.dispatch(event, meta) }),
      });
      await this.consumer.start();
      this.untrackLag = trackConsumerLag(this.options.kafka, this.options.groupId, topics);
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** Events of distinct keys: each type's batch handler gets its events at once, the others one by one. */
  private async dispatchRound(events: ConsumedEvent[]): Promise<void> {
    const byType = new Map<string, ConsumedEvent[]>();
    for (const consumed of events) {
      const type = consumed.event.type;
      byType.set(type, [...(byType.get(type) ?? []), consumed]);
    }
    await Promise.all(
      [...byType].map(async ([type, list]) => {
        const handler = this.getHandlerByPattern(type);
        if (!handler) return;
        if (isBatch(handler))
          // one span for the batch: it continues the first event's trace and links the others
          return inEventSpan(
            {
              name: `handle ${type}`,
              kind: 'consumer',
              parent: list[0].event,
              links: list.slice(1).map(({ event }) => event),
              attributes: { 'messaging.batch.message_count': list.length },
            },
            () =>
              this.invoke(
                handler,
                list.map(({ event }) => event),
              ),
          );
        await Promise.all(list.map(({ event, meta }) => this.dispatch(event, meta)));
      }),
    );
  }

  private async dispatch(event: EventEnvelope, meta: MessageMeta): Promise<void> {
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    // the handler runs in the event's trace (restored from its ce_traceparent) and its correlation
    await inEventSpan(
      { name: `handle ${event.type}`, kind: 'consumer', parent: event, attributes: eventAttributes(event) },
      () =>
        Correlation.run({ correlationId: event.correlationid, causationId: event.id }, () =>
          this.invoke(handler, event, meta),
        ),
    );
  }

  private async invoke(handler: MessageHandler, data: unknown, meta?: MessageMeta): Promise<void> {
    const result = await handler(data, meta);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  async close(): Promise<void> {
    await this.untrackLag?.();
    await this.consumer?.stop();
  }

  on(): void {
    // no transport-level events to expose
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

const eventAttributes = (event: EventEnvelope) => ({
  'messaging.system': 'kafka',
  'messaging.message.id': event.id,
  'cloudevents.event_type': event.type,
  'cloudevents.event_subject': event.subject,
  'appliance_care.correlation_id': event.correlationid,
});

const isBatch = (handler: MessageHandler) => (handler.extras as { batch?: boolean } | undefined)?.batch === true;
