/**
 * Kafka's answers that no resend can change (the message or the topic is the problem, not the
 * broker's state): the relay parks such events instead of retrying them forever.
 */
const PERMANENT = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'POLICY_VIOLATION',
]);

interface KafkaJsError {
  name?: string;
  type?: string;
  message?: string;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
}

/**
 * The reason when err (or what it wraps) is a permanent refusal of the message; undefined otherwise.
 * Only the listed answers count: other non-retriable errors (OUT_OF_ORDER_SEQUENCE_NUMBER, a fenced
 * producer) are the producer's state, which a new producer cures, not the message's.
 */
export function kafkaRefusal(err: unknown): string | undefined {
  let failure = err as KafkaJsError | undefined;
  for (let depth = 0; failure && depth < 6; depth++) {
    if (failure.type && PERMANENT.has(failure.type)) return `${failure.type}: ${failure.message ?? ''}`.trim();
    failure = (failure.cause ?? failure.originalError) as KafkaJsError | undefined;
  }
  return undefined;
}
