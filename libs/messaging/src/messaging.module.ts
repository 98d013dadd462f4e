import {
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { getConnectionToken, getModelToken, ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import { Admin, Kafka, Producer } from 'kafkajs';
import { Connection, Model } from 'mongoose';

import { ReadinessRegistry } from '@appliance-care/platform';

import { EventFactory } from './event-factory';
import { inboxModel } from './inbox';
import { KafkaEventServer } from './kafka-event.server';
import { createKafka } from './kafka.config';
import { trackOutboxes } from './messaging.metrics';
import { OutboxRelay } from './outbox.relay';
import { notingPartitioner } from './produce-coverage';
import { ensureTopics } from './topic-admin';
import { physicalTopic } from './topic-naming';

export const KAFKA = Symbol('KAFKA');
const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');

export interface MessagingOptions {
  /** service name: the event source, the consumer group and the topic it publishes on */
  service: string;
  /**
   * the instance's name (`dispatch#2`, ServiceConfig.instance) when several run: its Kafka client id,
   * while every instance stays in the service's one consumer group
   */
  instance?: string;
  /** mongoose model names whose documents carry an outbox */
  outboxModels: string[];
  /**
   * the models themselves, registered here (MongooseModule.forFeature) and exported, so that the
   * relay and the service's repositories see the same models; optional when a global module of the
   * service already provides them
   */
  models?: ModelDefinition[];
}

export function createProducer(kafka: Kafka): Producer {
  // idempotent: the broker drops resent duplicates and per-partition order holds. Retries are
  // bounded (about 10 s): the relay's next round sends again, and stop() is not held up forever.
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // the default partitioner (murmur2 of the key), noting each message's partition so that a send
    // whose answers miss one is not taken for done (produce-coverage.ts)
    createPartitioner: notingPartitioner,
    retry: { retries: 6, initialRetryTime: 100, maxRetryTime: 3000 },
  });
}

class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private readonly admin: Admin;
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    private readonly relay: OutboxRelay,
    private readonly readiness: ReadinessRegistry,
    private readonly service: string,
  ) {
    this.admin = kafka.admin();
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = physicalTopic(`${this.service}.events.v1`);
    await ensureTopics(this.kafka, [topic]);
    await this.producer.connect();
    this.relay.start();
    const admin = this.admin;
    let connected: Promise<void> | undefined;
    this.readiness.register('kafka', async () => {
      connected ??= admin.connect().catch((err) => {
        connected = undefined;
        throw err;
      });
      await connected;
      await admin.describeCluster();
    });
    this.logger.log(`publishing on ${topic}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

/** Kafka for a service: producer, outbox relay, event factory and the @EventPattern transport. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const groupId = `${process.env['KAFKA_GROUP_PREFIX'] ?? ''}appliance-care.${options.service}`;
    const features = options.models?.length ? [MongooseModule.forFeature(options.models)] : [];
    return {
      module: MessagingModule,
      imports: features,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(`appliance-care-${options.instance ?? options.service}`) },
        { provide: KAFKA_PRODUCER, useFactory: (kafka: Kafka) => createProducer(kafka), inject: [KAFKA] },
        { provide: EventFactory, useValue: new EventFactory(`/appliance-care/${options.service}`) },
        {
          provide: OutboxRelay,
          // the relay owns a producer of its own, replaced after a failed send
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          useFactory: (kafka: Kafka, ...models: Model<any>[]) => {
            trackOutboxes(models); // the outbox gauges of /metrics read these collections
            return new OutboxRelay(() => createProducer(kafka), models);
          },
          inject: [KAFKA, ...options.outboxModels.map((name) => getModelToken(name))],
        },
        {
          provide: KafkaEventServer,
          useFactory: (kafka: Kafka, producer: Producer, connection: Connection) =>
            new KafkaEventServer({ kafka, groupId, producer, inbox: inboxModel(connection) }),
          inject: [KAFKA, KAFKA_PRODUCER, getConnectionToken()],
        },
        {
          provide: MessagingLifecycle,
          useFactory: (kafka: Kafka, producer: Producer, relay: OutboxRelay, readiness: ReadinessRegistry) =>
            new MessagingLifecycle(kafka, producer, relay, readiness, options.service),
          inject: [KAFKA, KAFKA_PRODUCER, OutboxRelay, ReadinessRegistry],
        },
      ],
      exports: [KAFKA, KAFKA_PRODUCER, EventFactory, OutboxRelay, KafkaEventServer, ...features],
    };
  }
}
