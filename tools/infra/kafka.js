// Apache Kafka from Maven Central's jars (no distribution download): the install every broker here
// shares, its KRaft configuration (one node alone, or one node of a cluster), storage formatting, and
// the shared development broker (the cluster of KAFKA_NODES nodes is kafka-cluster.js).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { CACHE, DATA, ports, log, run, portOpen, startDetached, waitFor } = require('./common.js');

const KAFKA_VERSION = '3.9.2';
const kafkaLibs = path.join(CACHE, 'kafka', KAFKA_VERSION, 'libs');
const kafkaData = path.join(DATA, 'kafka');
const log4j = path.join(__dirname, 'kafka', 'log4j.properties');

/** JVM flags: the development broker's, and a small footprint for the throw-away brokers of tests. */
const JVM = {
  shared: () => ['-Xms256m', `-Xmx${process.env.KAFKA_HEAP || '768m'}`, '-XX:+UseG1GC'],
  small: (heap) => ['-Xms64m', `-Xmx${heap}`, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'],
};

function installKafka() {
  if (fs.existsSync(path.join(kafkaLibs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return;
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (mvn)`);
  fs.mkdirSync(kafkaLibs, { recursive: true });
  run('mvn', [
    ...['-q', '-B', '-f', path.join(__dirname, 'kafka', 'pom.xml'), 'dependency:copy-dependencies'],
    `-Dkafka.version=${KAFKA_VERSION}`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${kafkaLibs}`,
  ]);
}

/** `java` arguments running one of Kafka's main classes from the installed jars. */
const javaArgs = (jvm, mainClass, extra) => [
  ...jvm,
  `-Dlog4j.configuration=file:${log4j}`,
  ...['-cp', `${kafkaLibs}/*`, mainClass, ...extra],
];

/**
 * A random Kafka cluster id (16 bytes, base64url). Re-rolled while it starts with '-': the storage
 * tool's argument parser would read such an id as an option (1 run in 64 failed that way).
 */
function newKafkaClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The storage tool's arguments formatting a new broker's storage; `extra` e.g. adds SCRAM users at format time. */
const formatArgs = (jvm, props, { clusterId = newKafkaClusterId(), extra = [] } = {}) =>
  javaArgs(jvm, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props, ...extra]);

/** Formats a new broker's storage (see formatArgs). */
function formatStorage(jvm, props, options) {
  const res = spawnSync('java', formatArgs(jvm, props, options), { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`formatting Kafka storage (${props}) failed: ${res.stderr || res.stdout}`);
}

/** formatStorage without holding the event loop: a cluster's nodes are formatted at once. */
function formatStorageAsync(jvm, props, options) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', formatArgs(jvm, props, options), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`formatting Kafka storage (${props}) failed: ${output}`)),
    );
  });
}

/**
 * server.properties of a KRaft node that is broker and controller in one process: one client listener
 * `listener` (its name, security protocol and port) beside the controller's, logs in `logDir`. Alone
 * by default (node 1, its own single voter, one replica of everything); in a cluster `nodeId`,
 * `voters` ([{ id, controllerPort }], every node's controller) and `replicas` (default replication and
 * min.insync.replicas: the cluster's size and a majority below it) say which node and quorum it is.
 */
function kraftProperties({ listener, controllerPort, logDir, offsetsPartitions = 6, extra = [], ...cluster }) {
  const { name, protocol, port } = listener;
  const { nodeId = 1, voters = [{ id: nodeId, controllerPort }], replicas = { factor: 1, minInsync: 1 } } = cluster;
  return [
    'process.roles=broker,controller',
    `node.id=${nodeId}`,
    `controller.quorum.voters=${voters.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',')}`,
    `listeners=${name}://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=${name}://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    // the brokers talk to each other over the client listener (as the admin user when it is secured)
    `inter.broker.listener.name=${name}`,
    `listener.security.protocol.map=CONTROLLER:PLAINTEXT,${name}:${protocol}`,
    `log.dirs=${logDir}`,
    // lifecycle topics are created by the services with 6 partitions; auto-created ones match
    'num.partitions=6',
    'auto.create.topics.enable=true',
    ...replicationProperties(replicas),
    `offsets.topic.num.partitions=${offsetsPartitions}`,
    'group.initial.rebalance.delay.ms=0',
    'message.max.bytes=2097152',
    ...extra,
    '',
  ].join('\n');
}

/**
 * The replication of every topic, the brokers' own included: one broker cannot hold more replicas
 * than itself; a cluster of three keeps three copies and accepts an acks=all write once two have it,
 * so that one broker may die. ensureTopics (libs/messaging) reads default.replication.factor and
 * min.insync.replicas from the broker for the topics the services create.
 */
const replicationProperties = ({ factor, minInsync }) => [
  `offsets.topic.replication.factor=${factor}`,
  `transaction.state.log.replication.factor=${factor}`,
  `transaction.state.log.min.isr=${minInsync}`,
  `default.replication.factor=${factor}`,
  `min.insync.replicas=${minInsync}`,
];

/**
 * The ids of the brokers that a client with `config` (kafkajs) is told of: registered and not fenced.
 * Undefined while no broker answers metadata (its port opens earlier).
 */
async function liveBrokerIds(config) {
  try {
    const { Kafka, logLevel } = require('kafkajs');
    const admin = new Kafka({
      ...config,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 2000,
    }).admin();
    await admin.connect();
    try {
      const { brokers } = await admin.describeCluster();
      return brokers.map((broker) => broker.nodeId);
    } finally {
      await admin.disconnect();
    }
  } catch {
    return undefined;
  }
}

/** True once a client with `config` (kafkajs) gets the cluster's metadata. */
const kafkaAnswers = async (config) => (await liveBrokerIds(config)) !== undefined;

/** The shared development broker on ports.kafka, data in .data/kafka (formatted once). */
async function startKafka() {
  if (await portOpen(ports.kafka)) {
    log(`kafka already listening on ${ports.kafka}`);
    return;
  }
  installKafka();
  fs.mkdirSync(kafkaData, { recursive: true });
  const props = path.join(kafkaData, 'server.properties');
  fs.writeFileSync(
    props,
    kraftProperties({
      listener: { name: 'PLAINTEXT', protocol: 'PLAINTEXT', port: ports.kafka },
      controllerPort: ports.kafkaController,
      logDir: path.join(kafkaData, 'logs'),
      offsetsPartitions: 12,
      extra: ['log.retention.hours=168', 'log.segment.bytes=67108864'],
    }),
  );
  if (!fs.existsSync(path.join(kafkaData, 'logs', 'meta.properties'))) {
    const clusterId = newKafkaClusterId();
    log(`formatting Kafka storage (cluster ${clusterId})`);
    formatStorage(JVM.shared(), props, { clusterId });
  }
  startDetached('kafka', 'java', javaArgs(JVM.shared(), 'kafka.Kafka', [props]));
  const brokers = [`127.0.0.1:${ports.kafka}`];
  await waitFor('kafka', async () => (await portOpen(ports.kafka)) && kafkaAnswers({ brokers }), 90_000);
  log(`kafka ready on 127.0.0.1:${ports.kafka}`);
}

module.exports = {
  JVM,
  installKafka,
  javaArgs,
  newKafkaClusterId,
  formatStorage,
  formatStorageAsync,
  kraftProperties,
  liveBrokerIds,
  kafkaAnswers,
  startKafka,
};
