import { ICustomPartitioner, Message, Partitioners, RecordMetadata } from 'kafkajs';

/**
 * Why: kafkajs 2.2.4 (unmaintained) can resolve a send that left some messages unsent. Its retry
 * after a failed produce request (a broker that died with the request in flight) sends again only
 * to brokers that have not answered yet; a partition whose leadership moved to a broker that had
 * answered is dropped without an error (tulios/kafkajs#1303, fix proposed in #1798, never
 * released). The relay then cleared events that never reached Kafka: under a broker's SIGKILL a key
 * lost an event while its next one went out (issue 16, broker-failover.int-spec). So a send counts
 * only when the brokers' answers cover every partition its messages went to.
 */

/** The partition kafkajs chose for a message object at its latest attempt (the partitioner sees ours). */
const chosen = new WeakMap<Message, number>();

/** kafkajs's default partitioner (murmur2 of the key, as the Java client), noting each message's partition. */
export const notingPartitioner: ICustomPartitioner = () => {
  const partition = Partitioners.DefaultPartitioner();
  return (args) => {
    const choice = partition(args);
    chosen.set(args.message, choice);
    return choice;
  };
};

/** A send kafkajs reported done while some partitions never answered: transient, the events are sent again. */
export class UnansweredPartitionsError extends Error {
  readonly retriable = true;

  constructor(readonly partitions: string[]) {
    super(`kafkajs resolved a send without an answer for ${partitions.join(', ')}; sending again`);
    this.name = 'UnansweredPartitionsError';
  }
}

/**
 * The `topic:partition`s the messages went to (as the partitioner noted) that no answer covers.
 * Messages a producer without notingPartitioner sent cannot be checked and are not listed.
 */
export function unansweredPartitions(
  sent: { topic: string; messages: Message[] }[],
  answers: Pick<RecordMetadata, 'topicName' | 'partition' | 'errorCode'>[],
): string[] {
  const answered = new Set(answers.filter((a) => a.errorCode === 0).map((a) => `${a.topicName}:${a.partition}`));
  const missing = new Set<string>();
  for (const { topic, messages } of sent) {
    for (const message of messages) {
      const partition = chosen.get(message);
      if (partition !== undefined && !answered.has(`${topic}:${partition}`)) missing.add(`${topic}:${partition}`);
    }
  }
  return [...missing];
}

/** Throws UnansweredPartitionsError when the answers of a send lack a partition its messages went to. */
export function assertAnswered(
  sent: { topic: string; messages: Message[] }[],
  answers: Pick<RecordMetadata, 'topicName' | 'partition' | 'errorCode'>[],
): void {
  const missing = unansweredPartitions(sent, answers);
  if (missing.length) throw new UnansweredPartitionsError(missing);
}
