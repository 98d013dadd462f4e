// What the benchmarks share: flags, percentiles, polling with a deadline, the in-process service under
// measurement with its Kafka client, and how a benchmark's main ends the process.
import { DynamicModule } from '@nestjs/common';
import { Kafka, logLevel, Producer } from 'kafkajs';

import { createProducer, ensureTopics } from '@appliance-care/messaging';
import { ServiceConfig, ServiceName } from '@appliance-care/platform';
import { RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, TestEnv } from '@appliance-care/testing';

/** `--name N` from the command line, or the fallback when absent or not a number. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}

/** The p-th percentile (nearest rank) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Polls `check` every `everyMs` until it holds; fails naming `what` after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  everyMs = 250,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`benchmark timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A service running in this process for a benchmark, with a Kafka client and a connected producer. */
export interface ServiceUnderBench {
  env: TestEnv;
  svc: RunningService;
  kafka: Kafka;
  producer: Producer;
  close(): Promise<void>;
}

/**
 * Starts `service` in this process (its own topics, groups and database, as the integration tests
 * do), makes sure `topics` exist (physical names) and connects a producer.
 */
export async function serviceUnderBench(
  service: ServiceName,
  register: (config: ServiceConfig) => DynamicModule,
  topics: (env: TestEnv) => string[],
): Promise<ServiceUnderBench> {
  const env = isolateTestEnv(`bench-${service}`);
  const svc = await startTestService(service, register, env);
  const kafka = new Kafka({
    clientId: `bench-${service}`,
    brokers: env.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  await ensureTopics(kafka, topics(env));
  const producer = createProducer(kafka);
  await producer.connect();
  const close = async () => {
    await producer.disconnect();
    await svc.close();
  };
  return { env, svc, kafka, producer, close };
}

/** Runs a benchmark's main: the process exits 0 when it resolves, 1 (printing the error) when it fails. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
