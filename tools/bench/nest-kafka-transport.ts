// The textbook alternative for the messaging benchmark: Nest's built-in Kafka transport
// (`Transport.KAFKA`, `@EventPattern`, `ClientKafka.emit`), with the writer storing the aggregate
// and then emitting (a dual write) and the handler checking an inbox collection for idempotency.
import 'reflect-metadata';

import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientKafka, EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import pLimit from 'p-limit';
import { lastValueFrom } from 'rxjs';

import { ensureTopics } from '@appliance-care/messaging';

export interface NestTransportResult {
  rate: number;
  latencies: number[];
}

type Options = { events: number; writers: number; run: string; padding: string };

/** The handler side: a Nest microservice whose @EventPattern handler checks an inbox, then records the latency. */
async function startHandler(brokers: string[], connection: Connection, opts: Options, latencies: number[]) {
  const topic = `bench.${opts.run}.nest`;
  const inbox = connection.collection<{ _id: string; at: Date }>(`nest_inbox_${opts.run}`);

  @Controller()
  class BenchHandler {
    @EventPattern(topic)
    async handle(@Payload() data: { id: string; sentAt: number }): Promise<void> {
      if (await inbox.findOne({ _id: data.id })) return;
      await inbox.insertOne({ _id: data.id, at: new Date() });
      latencies.push(Date.now() - data.sentAt);
    }
  }
  @Module({ controllers: [BenchHandler] })
  class BenchModule {}

  const server = await NestFactory.createMicroservice<MicroserviceOptions>(BenchModule, {
    logger: false,
    transport: Transport.KAFKA,
    options: {
      client: { clientId: `bench-nest-${opts.run}`, brokers },
      consumer: { groupId: `bench.${opts.run}.nest` },
      subscribe: { fromBeginning: true },
    },
  });
  await server.listen();
  return server;
}

export async function nestKafkaTransport(
  kafka: Kafka,
  brokers: string[],
  connection: Connection,
  opts: Options,
): Promise<NestTransportResult> {
  const topic = `bench.${opts.run}.nest`;
  await ensureTopics(kafka, [topic]);
  const aggregates = connection.collection<{ _id: string; n: number; padding: string }>(`nest_aggregates_${opts.run}`);
  const latencies: number[] = [];
  const server = await startHandler(brokers, connection, opts, latencies);
  const client = new ClientKafka({
    client: { clientId: `bench-nest-client-${opts.run}`, brokers },
    producerOnlyMode: true,
    producer: { idempotent: true, maxInFlightRequests: 1 },
  });
  await client.connect();

  const start = Date.now();
  // opts.writers writers, each storing an aggregate and then emitting its event (the dual write)
  const writer = pLimit(opts.writers);
  const write = async (n: number) => {
    const id = `nest-${n}`;
    const sentAt = Date.now();
    await aggregates.insertOne({ _id: id, n, padding: opts.padding });
    await lastValueFrom(
      client.emit(topic, { key: `SER-${n % 500}`, value: JSON.stringify({ id, sentAt, padding: opts.padding }) }),
    );
  };
  await Promise.all(Array.from({ length: opts.events }, (_, n) => writer(() => write(n))));
  const deadline = Date.now() + 180_000;
  while (latencies.length < opts.events) {
    if (Date.now() > deadline)
      throw new Error(`Nest transport: ${latencies.length}/${opts.events} consumed before the deadline`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const rate = opts.events / ((Date.now() - start) / 1000);
  await client.close();
  await server.close();
  return { rate, latencies };
}
