import { Kafka, logLevel, Producer } from 'kafkajs';

import { dlqTopic, Topics } from '@appliance-care/contracts';
import { KafkaProbe, TestEnv } from '@appliance-care/testing';

import { createProducer, ensureTopics, physicalTopic } from '../src';

export interface FaultTopic {
  kafka: Kafka;
  topic: string;
  producer: Producer;
  probe: KafkaProbe;
}

/** The device-fault topic and its dead-letter topic, created, with a connected producer and a probe on both. */
export async function openFaultTopic(clientId: string, env: TestEnv): Promise<FaultTopic> {
  const kafka = new Kafka({ clientId, brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const topic = physicalTopic(Topics.deviceFaults);
  await ensureTopics(kafka, [topic, dlqTopic(topic)]);
  const producer = createProducer(kafka);
  await producer.connect();
  const probe = new KafkaProbe(env.kafkaBrokers);
  await probe.watch([topic, dlqTopic(topic)]);
  return { kafka, topic, producer, probe };
}
