import { Consumer, Kafka, KafkaConfig, logLevel, Producer } from 'kafkajs';

import { EventEnvelope, fromKafkaRecord, toKafkaRecord, Topics } from '@appliance-care/contracts';
import {
  customerOf,
  isolateTestEnv,
  purchaseOf,
  purchaseRecordedEvent,
  uniqueSuffix,
  waitFor,
} from '@appliance-care/testing';

import { SecuredKafka, serviceKafkaEnv, startSecuredKafka } from './secured-kafka';
import { ServiceProcess, startServiceProcess } from './service-processes';

/**
 * A second broker, started for this suite, whose only client listener requires SCRAM-SHA-512 over
 * TLS (users and passwords created at format time, generated per run). A service configured only by
 * environment variables authenticates and runs a purchase end to end; clients without credentials,
 * with a wrong password or without TLS are refused.
 */
describe('Kafka with SASL/SCRAM over TLS required', () => {
  const env = isolateTestEnv('security-sasl');
  const suffix = uniqueSuffix();
  let kafka: SecuredKafka;
  let service: ServiceProcess;
  const clients: { disconnect: () => Promise<void> }[] = [];

  const client = (config: Partial<KafkaConfig>) =>
    new Kafka({
      clientId: 'security-test',
      logLevel: logLevel.NOTHING,
      brokers: [kafka.brokers],
      connectionTimeout: 5000,
      retry: { retries: 0 },
      ...config,
    });

  /** Connects and asks for cluster metadata: what any client does first. */
  async function metadataAs(config: Partial<KafkaConfig>): Promise<unknown> {
    const admin = client(config).admin();
    try {
      await admin.connect();
      return await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  beforeAll(async () => {
    kafka = await startSecuredKafka({
      mechanism: 'SCRAM-SHA-512',
      tls: true,
      users: { 'sales-installation': undefined, 'point-of-sale': undefined },
    });
    service = await startServiceProcess(
      'sales-installation',
      { ...env, kafkaBrokers: kafka.brokers },
      serviceKafkaEnv(kafka, 'sales-installation'),
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    await service?.stop();
    await kafka?.stop();
  }, 60_000);

  it('authenticates a service configured by environment: it becomes ready and turns a purchase into appliance.registered.v1', async () => {
    expect(kafka.tls).toBe(true);
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);

    const events = `${env.topicPrefix}${Topics.salesInstallation}`;
    const seen: EventEnvelope[] = [];
    const admin = client(kafka.clientConfig('point-of-sale')).admin();
    await admin.connect();
    await admin
      .createTopics({ waitForLeaders: true, topics: [{ topic: events, numPartitions: 6 }] })
      .catch(() => undefined);
    await admin.disconnect();
    const consumer: Consumer = client(kafka.clientConfig('point-of-sale')).consumer({
      groupId: `security-sasl-probe-${suffix}`,
    });
    clients.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: events, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        try {
          seen.push(fromKafkaRecord({ key: message.key, value: message.value, headers: message.headers as never }));
        } catch {
          // not an event of ours: irrelevant here
        }
      },
    });

    const purchase = purchaseOf(`ORD-sasl-${suffix}`, customerOf(`C-sasl-${suffix}`), [
      { lineId: '1', sku: 'KT-1', category: 'kettle', serialNumber: `KT-sasl-${suffix}`, warrantyMonths: 12 },
    ]);
    const event = purchaseRecordedEvent(purchase);
    const record = toKafkaRecord(event, purchase.orderId);
    const producer: Producer = client(kafka.clientConfig('point-of-sale')).producer();
    clients.push(producer);
    await producer.connect();
    await producer.send({ topic: `${env.topicPrefix}${Topics.purchases}`, acks: -1, messages: [record] });

    const registered = await waitFor(
      () =>
        seen.find(
          (e) =>
            e.type === 'appliance.registered.v1' &&
            (e.data as { serialNumber?: string }).serialNumber === purchase.items[0].serialNumber,
        ),
      { timeoutMs: 60_000, intervalMs: 250, what: 'appliance.registered.v1 over the secured broker' },
    );
    expect(registered.correlationid).toBe(event.id);
    // another key, so another partition: it may come in a later fetch than the appliance's event
    await waitFor(
      () =>
        seen.find(
          (e) =>
            e.type === 'customer.registered.v1' &&
            (e.data as { customerId?: string }).customerId === purchase.customer.id,
        ),
      { timeoutMs: 30_000, intervalMs: 250, what: 'customer.registered.v1 over the secured broker' },
    );
  }, 120_000);

  it('refuses a client without credentials (the broker closes the connection before any request)', async () => {
    await expect(metadataAs({ ssl: kafka.clientConfig().ssl })).rejects.toThrow(/Closed connection/);
    await expect(metadataAs({})).rejects.toThrow(/Closed connection/);
  });

  it('refuses a client with a wrong password, and an unknown user', async () => {
    const right = kafka.clientConfig('point-of-sale');
    await expect(
      metadataAs({
        ssl: right.ssl,
        sasl: { mechanism: 'scram-sha-512', username: 'point-of-sale', password: `${kafka.users['point-of-sale']}x` },
      }),
    ).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    await expect(
      metadataAs({
        ssl: right.ssl,
        sasl: { mechanism: 'scram-sha-512', username: `nobody-${suffix}`, password: 'guess' },
      }),
    ).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    // and the right credentials still work, so the refusals above are about the credentials
    await expect(metadataAs(right)).resolves.toMatchObject({ brokers: [expect.objectContaining({ nodeId: 1 })] });
  });

  it('refuses the right credentials without TLS and a mechanism it does not enable; a client not trusting its CA refuses the broker', async () => {
    const right = kafka.clientConfig('point-of-sale');
    await expect(metadataAs({ sasl: right.sasl })).rejects.toThrow(/Closed connection/);
    await expect(
      metadataAs({
        ssl: right.ssl,
        sasl: { mechanism: 'plain', username: 'point-of-sale', password: kafka.users['point-of-sale'] },
      }),
    ).rejects.toThrow(/does not support the requested SASL mechanism/);
    await expect(metadataAs({ ssl: true, sasl: right.sasl })).rejects.toThrow(/self-signed certificate/);
  });
});
