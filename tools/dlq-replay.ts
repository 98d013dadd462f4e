// npm run dlq:replay -- --topic <topic> [--group <consumer group>] [--event <ce_id> …]
// Re-publishes the dead letters of <topic>.dlq to <topic>, marked for the group that dead-lettered
// them (or --group): that group handles them again, other groups skip them as duplicates.
import { Kafka, logLevel } from 'kafkajs';

import { createProducer, physicalTopic, replayDeadLetters } from '@appliance-care/messaging';

function args(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => a === `--${name}` && process.argv[i + 1] && out.push(process.argv[i + 1]));
  return out;
}

async function main(): Promise<void> {
  const [topicArg] = args('topic');
  if (!topicArg) {
    console.error('usage: npm run dlq:replay -- --topic <topic> [--group <consumer group>] [--event <ce_id> …]');
    process.exit(2);
  }
  const topic = topicArg.startsWith(process.env['KAFKA_TOPIC_PREFIX'] ?? '') ? topicArg : physicalTopic(topicArg);
  const kafka = new Kafka({
    clientId: 'appliance-care-dlq-replay',
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.WARN,
  });
  const producer = createProducer(kafka);
  await producer.connect();
  try {
    const [group] = args('group');
    const eventIds = args('event');
    const { replayed, skipped } = await replayDeadLetters(kafka, producer, {
      topic,
      group,
      eventIds: eventIds.length ? eventIds : undefined,
    });
    console.log(
      `replayed ${replayed} dead letter(s) from ${topic}.dlq to ${topic}${group ? ` for ${group}` : ''}; ${skipped} left as they were`,
    );
  } finally {
    await producer.disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
