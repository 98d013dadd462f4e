// A throw-away Kafka cluster for tests: `nodes` KRaft nodes (each broker and controller, all of them
// voters) in one temporary folder on free ports, small heaps, replicated as the development cluster
// is (kafka-cluster.js: three copies, two in sync). A node can be killed and started again on its
// ports and data while the others go on; everything is killed and the folder removed when this
// process exits, and stop() is safe to call twice.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort, sleep } = require('./common.js');
const {
  JVM,
  installKafka,
  newKafkaClusterId,
  formatStorageAsync,
  kraftProperties,
  liveBrokerIds,
} = require('./kafka.js');
const { clusterReplicas } = require('./kafka-cluster.js');
const { KafkaProcess } = require('./throwaway-kafka.js');

// a SIGKILLed broker is fenced (its partitions led elsewhere) after this session, not Kafka's 9 s
const FAST_FAILOVER = ['broker.heartbeat.interval.ms=500', 'broker.session.timeout.ms=2500'];

class ThrowawayCluster {
  constructor({ nodes = 3, heap = '256m', timeoutMs = 90_000 } = {}) {
    Object.assign(this, { count: nodes, timeoutMs, jvm: JVM.small(heap), stopped: false, processes: new Map() });
    this.orphanGuard = () => this.removeNow();
  }

  async start() {
    installKafka();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appliance-care-kafka-cluster-'));
    process.once('exit', this.orphanGuard);
    try {
      this.nodes = [];
      for (let id = 1; id <= this.count; id++)
        this.nodes.push({ id, port: await freePort(), controllerPort: await freePort() });
      this.brokers = this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
      const clusterId = newKafkaClusterId();
      await Promise.all(this.nodes.map((node) => this.prepare(node, clusterId)));
      for (const node of this.nodes) this.processes.get(node.id).spawn();
      await this.waitForBrokers(this.nodes.map((node) => node.id));
    } catch (err) {
      await this.stop();
      throw new Error(`the throw-away Kafka cluster did not start: ${err.message}`);
    }
    return this;
  }

  /** Writes and formats node's storage under the shared cluster id. */
  async prepare(node, clusterId) {
    const dir = path.join(this.dir, `node-${node.id}`);
    fs.mkdirSync(dir);
    const props = path.join(dir, 'server.properties');
    const text = kraftProperties({
      listener: { name: 'PLAINTEXT', protocol: 'PLAINTEXT', port: node.port },
      controllerPort: node.controllerPort,
      logDir: path.join(dir, 'logs'),
      nodeId: node.id,
      voters: this.nodes,
      replicas: clusterReplicas(this.count),
      extra: FAST_FAILOVER,
    });
    fs.writeFileSync(props, text);
    await formatStorageAsync(this.jvm, props, { clusterId });
    this.processes.set(node.id, new KafkaProcess(this.jvm, props, path.join(dir, 'kafka.log')));
  }

  /**
   * Until each of `ids` answers on its own port and lists itself as a live broker (registered, caught
   * up with the metadata, unfenced): right after a kill the others still list the dead one for a while.
   */
  async waitForBrokers(ids) {
    const deadline = Date.now() + this.timeoutMs;
    const live = async (id) => {
      const own = `127.0.0.1:${this.nodes.find((node) => node.id === id).port}`;
      return ((await liveBrokerIds({ brokers: [own] })) ?? []).includes(id);
    };
    for (let waiting = ids; ;) {
      waiting = (await Promise.all(waiting.map(async (id) => ((await live(id)) ? [] : [id])))).flat();
      if (waiting.length === 0) return;
      const dead = waiting.find((id) => !this.processes.get(id).running());
      if (dead) throw new Error(`node ${dead} exited while starting:\n${this.log(dead)}`);
      if (Date.now() > deadline) throw new Error(`nodes ${waiting} not live after ${this.timeoutMs} ms`);
      await sleep(250);
    }
  }

  /** Ends node `id` with `signal` and resolves once it has exited. */
  async kill(id, signal = 'SIGKILL') {
    await this.process(id).kill(signal);
  }

  /** Kills node `id` if it runs and starts it again on its ports and data; resolves once it is a live broker. */
  async restart(id, signal = 'SIGKILL') {
    await this.kill(id, signal);
    this.process(id).spawn();
    await this.waitForBrokers([id]);
  }

  running(id) {
    return this.process(id).running();
  }

  process(id) {
    const found = this.processes.get(id);
    if (!found) throw new Error(`no node ${id} in the throw-away cluster`);
    return found;
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    process.off('exit', this.orphanGuard);
    await Promise.all([...this.processes.values()].map((p) => p.kill('SIGKILL')));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  log(id) {
    return this.processes.get(id)?.log() ?? '';
  }

  removeNow() {
    for (const p of this.processes.values()) p.killNow();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts a throw-away cluster and resolves once every node is a live broker, to { brokers (the comma
 * list), nodes: [{ id, port, controllerPort }], dir, kill(id, signal), restart(id, signal),
 * running(id), log(id), stop() }.
 */
async function startThrowawayCluster(options) {
  const cluster = await new ThrowawayCluster(options).start();
  return {
    brokers: cluster.brokers,
    nodes: cluster.nodes.map((node) => ({ ...node })),
    dir: cluster.dir,
    kill: (id, signal) => cluster.kill(id, signal),
    restart: (id, signal) => cluster.restart(id, signal),
    running: (id) => cluster.running(id),
    log: (id) => cluster.log(id),
    stop: () => cluster.stop(),
  };
}

module.exports = { startThrowawayCluster };
