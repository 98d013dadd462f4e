import { readFileSync } from 'node:fs';
import { ConnectionOptions } from 'node:tls';
import { Kafka, KafkaConfig, logLevel, SASLOptions } from 'kafkajs';

/**
 * Kafka connection from the environment (SPEC §7): brokers, optional SASL (PLAIN or SCRAM) and TLS.
 * `KAFKA_SSL_CA_FILE` trusts a private CA (PEM) in addition to the system's, so a broker with a
 * self-signed or internal certificate is verified rather than accepted blindly.
 */
function kafkaConfigFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const brokers = (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const mechanism = env['KAFKA_SASL_MECHANISM'] as 'plain' | 'scram-sha-256' | 'scram-sha-512' | undefined;
  const sasl: SASLOptions | undefined = mechanism
    ? ({
        mechanism,
        username: env['KAFKA_SASL_USERNAME'] ?? '',
        password: env['KAFKA_SASL_PASSWORD'] ?? '',
      } as SASLOptions)
    : undefined;
  return {
    clientId,
    brokers,
    sasl,
    ssl: sslFromEnv(env),
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
  };
}

function sslFromEnv(env: NodeJS.ProcessEnv): ConnectionOptions | undefined {
  if (env['KAFKA_SSL'] !== 'true') return undefined;
  const caFile = env['KAFKA_SSL_CA_FILE'];
  return {
    rejectUnauthorized: env['KAFKA_SSL_REJECT_UNAUTHORIZED'] !== 'false',
    ...(caFile ? { ca: [readFileSync(caFile, 'utf8')] } : {}),
  };
}

export function createKafka(clientId: string, env: NodeJS.ProcessEnv = process.env): Kafka {
  return new Kafka(kafkaConfigFromEnv(clientId, env));
}

export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

/**
 * How long the group waits for a silent consumer (a SIGKILLed instance) before its partitions go to
 * the others: KAFKA_SESSION_TIMEOUT_MS, default 30 s; the broker accepts 6–300 s by default.
 */
export function sessionTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return integerFromEnv(env, 'KAFKA_SESSION_TIMEOUT_MS', DEFAULT_SESSION_TIMEOUT_MS, 1);
}

/** A whole number of at least `min` from the environment, else `fallback` (unset, blank or malformed). */
export function integerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  const value = Number(raw);
  return raw && Number.isInteger(value) && value >= min ? value : fallback;
}

/**
 * How long a fetch waits on the broker for `minBytes` to gather (KAFKA_FETCH_MAX_WAIT_MS, default
 * 50 ms; KAFKA_FETCH_MIN_BYTES, default 16 KiB). Under load a fetch then carries many partitions'
 * events, so a consumer round (one inbox claim, one commit) carries them too, and the broker answers
 * far fewer fetches; when quiet, an event waits at most the wait before it is fetched.
 */
export function fetchWaitFromEnv(env: NodeJS.ProcessEnv = process.env): { maxWaitTimeInMs: number; minBytes: number } {
  return {
    maxWaitTimeInMs: integerFromEnv(env, 'KAFKA_FETCH_MAX_WAIT_MS', 50),
    minBytes: integerFromEnv(env, 'KAFKA_FETCH_MIN_BYTES', 16_384),
  };
}
