import { randomBytes } from 'node:crypto';

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export interface TestEnv {
  kafkaBrokers: string;
  mongoUri: string;
  /** prefix for every topic of this suite, so suites never see each other's messages */
  topicPrefix: string;
  /** database name suffix */
  suffix: string;
}

/**
 * Isolates a suite: a unique topic prefix and unique database and group names, applied to
 * process.env so that services started in this process (Nest apps) pick them up.
 */
export function isolateTestEnv(name: string): TestEnv {
  const suffix = uniqueSuffix();
  const kafkaBrokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017';
  const topicPrefix = `test.${name}.${suffix}.`;
  process.env['KAFKA_TOPIC_PREFIX'] = topicPrefix;
  process.env['KAFKA_GROUP_PREFIX'] = `test.${name}.${suffix}.`;
  return { kafkaBrokers, mongoUri, topicPrefix, suffix };
}

export const testDatabase = (service: string, env: TestEnv): string => `t_${service.replace(/-/g, '_')}_${env.suffix}`;
