import { Logger } from '@nestjs/common';
import { IHeaders, KafkaMessage, Producer } from 'kafkajs';

import { dlqTopic } from '@appliance-care/contracts';

import { ConsumedMessage, MessageMeta, Outcome } from './consumed-message';
import { DEAD_LETTER_HEADERS, REPLAY_FOR_GROUP_HEADER, REPLAY_ID_HEADER } from './dlq-replay';
import { Classification } from './errors';
import { dlqMessages } from './messaging.metrics';

/** The message's own headers (an earlier dead letter's or replay's dropped) and why it failed (SPEC). */
function deadLetterHeaders(message: KafkaMessage, meta: MessageMeta, reason: Classification, group: string): IHeaders {
  const headers: IHeaders = { ...(message.headers ?? {}) };
  for (const header of [...DEAD_LETTER_HEADERS, REPLAY_FOR_GROUP_HEADER, REPLAY_ID_HEADER]) delete headers[header];
  return {
    ...headers,
    'x-error-code': reason.code,
    'x-error-message': reason.message.slice(0, 2000),
    'x-consumer-group': group,
    'x-original-topic': meta.topic,
    'x-original-partition': String(meta.partition),
    'x-original-offset': meta.offset,
  };
}

/** Sends what no retry can fix to `<topic>.dlq`, as it came, with the reason. */
export class DeadLetters {
  private readonly logger = new Logger('EventConsumer');

  constructor(
    private readonly producer: Producer,
    private readonly group: string,
  ) {}

  /** 'dead-lettered', or 'failed' when the DLQ could not be written (the message is retried). */
  async send(consumed: ConsumedMessage, reason: Classification, stale: boolean): Promise<Outcome> {
    const { message, meta } = consumed;
    const headers = deadLetterHeaders(message, meta, reason, this.group);
    try {
      const messages = [{ key: message.key, value: message.value, headers }];
      await this.producer.send({ topic: dlqTopic(meta.topic), acks: -1, messages });
    } catch (err) {
      const failure = { err: (err as Error).message, topic: meta.topic, offset: meta.offset };
      this.logger.warn(failure, 'dead-letter publish failed; will retry');
      return 'failed';
    }
    const { topic, partition, offset } = meta;
    dlqMessages.inc({ group: this.group, topic, reason: reason.code });
    this.logger.warn(
      { topic, partition, offset, code: reason.code, reason: reason.message, stale },
      'message dead-lettered',
    );
    return 'dead-lettered';
  }
}
