import path from 'node:path';
import { KafkaConfig, SASLOptions } from 'kafkajs';

/** What tools/infra.js `startSecuredKafka` resolves to (the broker runs until stop()). */
export interface SecuredKafka {
  /** bootstrap address of the SASL_SSL (or SASL_PLAINTEXT) listener */
  brokers: string;
  mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  tls: boolean;
  /** user name → password, generated for this run; `admin` is the broker's own */
  users: Record<string, string>;
  /** the broker's self-signed certificate (PEM), to be trusted by clients */
  caFile?: string;
  /** a kafkajs configuration that authenticates as `user` */
  clientConfig: (user?: string) => Pick<KafkaConfig, 'brokers' | 'ssl'> & { sasl: SASLOptions };
  log: () => string;
  stop: () => Promise<void>;
}

export interface SecuredKafkaOptions {
  mechanism?: SecuredKafka['mechanism'];
  tls?: boolean;
  /** names of the users to create; passwords are generated */
  users?: Record<string, string | undefined>;
}

// tools/infra.js is plain node (it runs before anything is installed); the broker code lives there
// beside the shared broker's, with the same jars and the same way of formatting storage
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require(path.resolve(__dirname, '../../../tools/infra.js')) as {
  startSecuredKafka: (o: SecuredKafkaOptions) => Promise<SecuredKafka>;
};

export const startSecuredKafka = (options: SecuredKafkaOptions = {}): Promise<SecuredKafka> =>
  infra.startSecuredKafka(options);

/** The environment a service needs to reach the secured broker as `user` (SPEC §7 variables). */
export function serviceKafkaEnv(kafka: SecuredKafka, user: string): Record<string, string> {
  return {
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_SASL_MECHANISM: kafka.mechanism.toLowerCase(),
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD: kafka.users[user],
    ...(kafka.tls ? { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: kafka.caFile as string } : {}),
  };
}
