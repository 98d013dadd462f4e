import { Kafka, KafkaConfig, logLevel, SASLOptions } from 'kafkajs';

/** Kafka connection from the environment (SPEC §7): brokers, optional SASL/SCRAM and TLS. */
export function kafkaConfigFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const brokers = (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  const mechanism = env['KAFKA_SASL_MECHANISM'] as 'plain' | 'scram-sha-256' | 'scram-sha-512' | undefined;
  const sasl: SASLOptions | undefined = mechanism
    ? ({ mechanism, username: env['KAFKA_SASL_USERNAME'] ?? '', password: env['KAFKA_SASL_PASSWORD'] ?? '' } as SASLOptions)
    : undefined;
  const ssl = env['KAFKA_SSL'] === 'true' ? { rejectUnauthorized: env['KAFKA_SSL_REJECT_UNAUTHORIZED'] !== 'false' } : undefined;
  return {
    clientId,
    brokers,
    sasl,
    ssl,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
  };
}

export function createKafka(clientId: string, env: NodeJS.ProcessEnv = process.env): Kafka {
  return new Kafka(kafkaConfigFromEnv(clientId, env));
}
