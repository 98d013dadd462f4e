import { Admin, ConfigResourceTypes } from 'kafkajs';

/** How many copies a new topic keeps, and how many of them must hold a write acknowledged with acks=all. */
export interface TopicReplication {
  replicationFactor: number;
  minInsyncReplicas?: number;
}

const FACTOR = 'default.replication.factor';
const MIN_INSYNC = 'min.insync.replicas';

/**
 * The replication of the topics the services create: KAFKA_REPLICATION_FACTOR and
 * KAFKA_MIN_INSYNC_REPLICAS when set, else the cluster's own defaults (default.replication.factor,
 * min.insync.replicas of a broker: 1 and 1 on the single local broker, 3 and 2 in the local cluster).
 * Not the count of live brokers: one down while a service starts would silently make a topic with a
 * copy too few, and every process in cluster mode would need the right variables to not fall back to
 * one copy. A minimum above the factor is lowered to it (no write could ever succeed).
 */
export async function topicReplication(admin: Admin, env: NodeJS.ProcessEnv = process.env): Promise<TopicReplication> {
  let replicationFactor = positive(env, 'KAFKA_REPLICATION_FACTOR');
  let minInsyncReplicas = positive(env, 'KAFKA_MIN_INSYNC_REPLICAS');
  if (replicationFactor === undefined || minInsyncReplicas === undefined) {
    // a broker that will not tell (an ACL without DescribeConfigs) gets today's single copy
    const defaults = await brokerDefaults(admin).catch(() => new Map<string, number>());
    replicationFactor ??= defaults.get(FACTOR) ?? 1;
    minInsyncReplicas ??= defaults.get(MIN_INSYNC);
  }
  return {
    replicationFactor,
    ...(minInsyncReplicas === undefined ? {} : { minInsyncReplicas: Math.min(minInsyncReplicas, replicationFactor) }),
  };
}

/** The topic configuration entries that carry the minimum with the topic (it outlives a broker default changed later). */
export function replicationConfig(replication: TopicReplication): { name: string; value: string }[] {
  const { minInsyncReplicas } = replication;
  return minInsyncReplicas === undefined ? [] : [{ name: MIN_INSYNC, value: String(minInsyncReplicas) }];
}

async function brokerDefaults(admin: Admin): Promise<Map<string, number>> {
  const { brokers } = await admin.describeCluster();
  const broker = brokers[0];
  if (!broker) return new Map();
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker.nodeId), configNames: [FACTOR, MIN_INSYNC] }],
  });
  const entries = resources[0]?.configEntries ?? [];
  return new Map(entries.map((e) => [e.configName, Number(e.configValue)] as const).filter(([, v]) => v >= 1));
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, not "${raw}"`);
  return value;
}
