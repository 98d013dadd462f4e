import { KafkaMessage } from 'kafkajs';

import { EventEnvelope, fromKafkaRecord, isEventType } from '@appliance-care/contracts';

import { REPLAY_FOR_GROUP_HEADER, REPLAY_ID_HEADER } from './dlq-replay';
import { PoisonMessageError } from './errors';
import { inboxId } from './inbox';
import { integerFromEnv } from './kafka.config';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

/** An event of a chunk handed to a batch handler, with where it came from. */
export interface ConsumedEvent {
  event: EventEnvelope;
  meta: MessageMeta;
}

export type Outcome = 'processed' | 'duplicate' | 'skipped' | 'dead-lettered' | 'failed';
/** Outcomes after which the message's offset may be committed. */
export const DONE: ReadonlySet<Outcome> = new Set(['processed', 'duplicate', 'skipped', 'dead-lettered']);

/** A message of a chunk on its way through the consumer: read, claimed, handled. */
export interface ConsumedMessage {
  message: KafkaMessage;
  meta: MessageMeta;
  key: string;
  event?: EventEnvelope;
  /** why the message cannot be handled (it goes to the DLQ) */
  error?: unknown;
  inboxId?: string;
  outcome?: Outcome;
}

/** What reading a message needs to know about its consumer. */
export interface MessageReading {
  groupId: string;
  handles: (type: string) => boolean;
  maxEventBytes: number;
}

const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

/** MAX_EVENT_BYTES from the environment (a positive integer), else 256 KiB. */
export function maxEventBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return integerFromEnv(env, 'MAX_EVENT_BYTES', DEFAULT_MAX_EVENT_BYTES, 1);
}

/** The event of a message, or why it has none; a type the consumer does not handle is skipped. */
export function readMessage(message: KafkaMessage, meta: MessageMeta, reading: MessageReading): ConsumedMessage {
  const consumed: ConsumedMessage = { message, meta, key: message.key?.toString() ?? '' };
  const size = message.value?.length ?? 0;
  const tooLarge = size > reading.maxEventBytes;
  // a type this consumer does not handle is skipped whatever its size; an oversized value is never parsed
  const type = peekType(message, !tooLarge);
  if (type && isEventType(type) && !reading.handles(type)) return { ...consumed, outcome: 'skipped' };
  if (tooLarge) {
    const limit = `over the limit of ${reading.maxEventBytes} (MAX_EVENT_BYTES)`;
    return { ...consumed, error: new PoisonMessageError('too-large', `message value is ${size} bytes, ${limit}`) };
  }
  try {
    const event = fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers });
    return { ...consumed, event, inboxId: inboxId(reading.groupId, event.id, replayIdOf(message, reading.groupId)) };
  } catch (error) {
    return { ...consumed, error };
  }
}

/** A replay from the DLQ meant for this group is a claim of its own; for other groups it is a duplicate. */
function replayIdOf(message: KafkaMessage, groupId: string): string | undefined {
  const forGroup = message.headers?.[REPLAY_FOR_GROUP_HEADER]?.toString();
  return forGroup === groupId ? message.headers?.[REPLAY_ID_HEADER]?.toString() : undefined;
}

/** The event type from the headers, or (structured mode) from the value when it may be parsed. */
function peekType(message: KafkaMessage, mayParseValue: boolean): string | undefined {
  const header = message.headers?.['ce_type'];
  if (header) return header.toString();
  const contentType = message.headers?.['content-type']?.toString() ?? '';
  if (!mayParseValue || !contentType.startsWith('application/cloudevents+json') || !message.value) return undefined;
  try {
    const type = JSON.parse(message.value.toString())?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}
