// The development Kafka as KAFKA_NODES KRaft nodes (default 1: the single broker of kafka.js). With 3,
// each node is broker and controller, so the three are also the controller quorum's voters (one may
// die: two are a majority); topics are kept in three copies, two of which must have a write
// (default.replication.factor=3, min.insync.replicas=2, and the same for the brokers' own topics).
// Node n listens on KAFKA_<n>_PORT and KAFKA_<n>_CONTROLLER_PORT (node 1: KAFKA_PORT and
// KAFKA_CONTROLLER_PORT), by default two above the previous node's (9092/9093, 9094/9095, 9096/9097);
// its data is in .data/kafka-<n>, its pid file and log are .run/kafka-<n>.pid and .run/kafka-<n>.log.
// kafkaNodes, stopNode, startNode and bootstrapServers are what a chaos tool needs to kill a broker.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { DATA, RUN, ports, log, portOpen, readPid, alive, pidFile, logFile } = require('./common.js');
const { startDetached, stopDetached, waitFor } = require('./common.js');
const { JVM, installKafka, javaArgs, newKafkaClusterId, formatStorage } = require('./kafka.js');
const { kraftProperties, liveBrokerIds, startKafka } = require('./kafka.js');

/** KAFKA_NODES: how many nodes the development Kafka has (1 or more; 3 is the cluster meant). */
function nodeCount() {
  const count = Number(process.env.KAFKA_NODES || 1);
  if (!Number.isInteger(count) || count < 1) throw new Error(`KAFKA_NODES must be a whole number ≥ 1, not ${count}`);
  return count;
}

/**
 * Copies of each partition and how many must have a write: three and two from three nodes on (one
 * node may be down and writes go on), every node and a majority below that.
 */
function clusterReplicas(count) {
  const factor = Math.min(count, 3);
  return { factor, minInsync: Math.max(1, factor - 1) };
}

/** Alone, the node is today's single broker `kafka`; in a cluster, node n is `kafka-<n>`. */
const nodeName = (id, count = nodeCount()) => (count === 1 ? 'kafka' : `kafka-${id}`);

function nodePorts(id) {
  if (id === 1) return { port: ports.kafka, controllerPort: ports.kafkaController };
  const above = 2 * (id - 1);
  return {
    port: Number(process.env[`KAFKA_${id}_PORT`] || ports.kafka + above),
    controllerPort: Number(process.env[`KAFKA_${id}_CONTROLLER_PORT`] || ports.kafkaController + above),
  };
}

/** The nodes of the development Kafka: [{ id, port, controllerPort, pidFile, log }], node ids from 1. */
function kafkaNodes() {
  const count = nodeCount();
  return Array.from({ length: count }, (_, i) => {
    const id = i + 1;
    const name = nodeName(id, count);
    return { id, ...nodePorts(id), pidFile: pidFile(name), log: logFile(name) };
  });
}

/** The client addresses of every node, comma-separated (what KAFKA_BROKERS takes). */
const bootstrapServers = () =>
  kafkaNodes()
    .map((node) => `127.0.0.1:${node.port}`)
    .join(',');

function nodeById(id) {
  const node = kafkaNodes().find((n) => n.id === Number(id));
  if (!node) throw new Error(`no Kafka node ${id}: KAFKA_NODES is ${nodeCount()}`);
  return node;
}

const nodeDir = (id) => path.join(DATA, `kafka-${id}`);

/** The cluster id of a node formatted before (every node must share it), if any. */
function existingClusterId() {
  for (const { id } of kafkaNodes()) {
    try {
      const meta = fs.readFileSync(path.join(nodeDir(id), 'logs', 'meta.properties'), 'utf8');
      const found = /^cluster\.id=(.+)$/m.exec(meta);
      if (found) return found[1].trim();
    } catch {
      /* not formatted */
    }
  }
  return undefined;
}

function nodeProperties(node, nodes) {
  return kraftProperties({
    listener: { name: 'PLAINTEXT', protocol: 'PLAINTEXT', port: node.port },
    controllerPort: node.controllerPort,
    logDir: path.join(nodeDir(node.id), 'logs'),
    offsetsPartitions: 12,
    nodeId: node.id,
    voters: nodes.map(({ id, controllerPort }) => ({ id, controllerPort })),
    replicas: clusterReplicas(nodes.length),
    extra: ['log.retention.hours=168', 'log.segment.bytes=67108864'],
  });
}

/** Writes the node's configuration, formats its storage the first time, and starts it detached. */
function launchNode(node) {
  installKafka();
  const dir = nodeDir(node.id);
  fs.mkdirSync(dir, { recursive: true });
  const props = path.join(dir, 'server.properties');
  fs.writeFileSync(props, nodeProperties(node, kafkaNodes()));
  if (!fs.existsSync(path.join(dir, 'logs', 'meta.properties'))) {
    const clusterId = existingClusterId() ?? newKafkaClusterId();
    log(`formatting Kafka storage of node ${node.id} (cluster ${clusterId})`);
    formatStorage(JVM.shared(), props, { clusterId });
  }
  startDetached(nodeName(node.id), 'java', javaArgs(JVM.shared(), 'kafka.Kafka', [props]));
}

/**
 * Until the node answers on its own port and lists itself as a live broker (registered, caught up with
 * the metadata, unfenced): right after a kill the other nodes still list the dead one for a while.
 */
async function waitForNode(node, timeoutMs = 120_000) {
  const own = { brokers: [`127.0.0.1:${node.port}`] };
  const listed = async () => (await portOpen(node.port)) && ((await liveBrokerIds(own)) ?? []).includes(node.id);
  await waitFor(nodeName(node.id), listed, timeoutMs);
}

/** Starts node `id` (its data and ports as before) unless it listens, and resolves once it is a live broker again. */
async function startNode(id) {
  const node = nodeById(id);
  if (nodeCount() === 1) return startKafka();
  if (!(await portOpen(node.port))) launchNode(node);
  await waitForNode(node);
  log(`kafka node ${node.id} ready on 127.0.0.1:${node.port}`);
}

/** Stops node `id`: SIGKILL (default) is a crash, SIGTERM a clean shutdown. Resolves once it has exited. */
const stopNode = (id, signal = 'SIGKILL') => stopDetached(nodeName(nodeById(id).id), signal);

/** Starts the nodes that do not listen yet and waits until every node is a live broker (idempotent). */
async function startKafkaCluster() {
  const nodes = kafkaNodes();
  if (nodes.length === 1) return startKafka();
  const single = readPid('kafka');
  if (single && alive(single))
    throw new Error(
      `the single broker (.run/kafka.pid) holds port ${ports.kafka}: stop it first (infra.js down kafka)`,
    );
  const down = [];
  for (const node of nodes) if (!(await portOpen(node.port))) down.push(node);
  for (const node of down) launchNode(node);
  await Promise.all(nodes.map((node) => waitForNode(node)));
  log(`kafka: ${nodes.length} nodes ${down.length ? 'ready' : 'already listening'} on ${bootstrapServers()}`);
}

/** Stops every node that a pid file in .run/ names (whatever KAFKA_NODES says now), all at once so the quorum lasts while they shut down. */
async function stopKafkaCluster() {
  const names = fs.existsSync(RUN) ? fs.readdirSync(RUN).filter((file) => /^kafka-\d+\.pid$/.test(file)) : [];
  await Promise.all(names.map((file) => stopDetached(file.replace(/\.pid$/, ''))));
}

module.exports = {
  nodeCount,
  clusterReplicas,
  kafkaNodes,
  bootstrapServers,
  startNode,
  stopNode,
  startKafkaCluster,
  stopKafkaCluster,
};
