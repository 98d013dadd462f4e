import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EventEnvelope, topicsFor } from '@appliance-care/contracts';
import { Correlation } from '@appliance-care/platform';
import { EventConsumer, EventConsumerOptions, MessageMeta } from './event-consumer';
import { ensureTopics } from './topic-admin';
import { physicalTopic } from './topic-naming';
import { dlqTopic } from '@appliance-care/contracts';

export type KafkaEventServerOptions = Omit<EventConsumerOptions, 'topics' | 'handles' | 'handle'>;

/**
 * A Nest transport strategy: handlers are declared with @EventPattern('<event type>') and receive
 * the validated EventEnvelope; underneath runs the batch consumer (eachBatch, inbox, retry, DLQ).
 * Each handler runs inside the event's correlation context, so what it publishes carries the
 * correlation id and has the event as its cause.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const types = [...this.messageHandlers.keys()];
      if (types.length === 0) return callback();
      const topics = topicsFor(types).map((t) => physicalTopic(t));
      await ensureTopics(this.options.kafka, [...topics, ...topics.map(dlqTopic)]);
      this.consumer = new EventConsumer({
        ...this.options,
        topics,
        handles: (type) => this.messageHandlers.has(type),
        handle: (event, meta) => this.dispatch(event, meta),
      });
      await this.consumer.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  private async dispatch(event: EventEnvelope, meta: MessageMeta): Promise<void> {
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    await Correlation.run({ correlationId: event.correlationid, causationId: event.id }, async () => {
      const result = await handler(event, meta);
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    });
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): void {
    // no transport-level events to expose
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
