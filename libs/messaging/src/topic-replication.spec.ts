import { Admin } from 'kafkajs';

import { replicationConfig, topicReplication } from './topic-replication';

/** The variables' side of topicReplication; the cluster's defaults are read in broker-failover.int-spec. */
describe('topic replication from the environment', () => {
  // with both variables set the broker is not asked: an admin that would fail shows it
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('the broker was asked')) }) as Admin;

  it('takes both variables as given, and carries the minimum as the topic setting', async () => {
    const replication = await topicReplication(unused, {
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(replication).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(replicationConfig(replication)).toEqual([{ name: 'min.insync.replicas', value: '2' }]);
  });

  it('lowers a minimum above the factor to the factor (no write could ever be acknowledged)', async () => {
    const replication = await topicReplication(unused, {
      KAFKA_REPLICATION_FACTOR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(replication).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
  });

  it('falls back to one copy and no topic setting when the broker will not tell', async () => {
    expect(await topicReplication(unused, {})).toEqual({ replicationFactor: 1 });
    expect(replicationConfig({ replicationFactor: 1 })).toEqual([]);
  });

  it('refuses a value that is not a whole number of at least 1, naming the variable', async () => {
    await expect(topicReplication(unused, { KAFKA_REPLICATION_FACTOR: 'three' })).rejects.toThrow(
      /KAFKA_REPLICATION_FACTOR must be a whole number/,
    );
    await expect(topicReplication(unused, { KAFKA_MIN_INSYNC_REPLICAS: '0' })).rejects.toThrow(
      /KAFKA_MIN_INSYNC_REPLICAS/,
    );
  });
});
